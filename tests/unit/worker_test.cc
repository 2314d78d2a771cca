// Focus: the bounded background worker behind the index writers and the ingest's preparing
// thread: order, back-pressure, a failure reported to the caller, stop dropping the queue.
#include "worker.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <stdexcept>
#include <vector>

namespace confrere {
namespace {

TEST(BoundedWorker, WorksEveryItemInOrder) {
  std::vector<int> seen;  // the worker's; read after drain()
  BoundedWorker<int> w(2, [&](int& i) { seen.push_back(i); });
  for (int i = 0; i < 100; ++i) w.hand(int(i));
  w.drain();
  ASSERT_EQ(seen.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(seen[i], i);
}

TEST(BoundedWorker, AFailureIsRethrownAndNothingMoreIsWorked) {
  std::atomic<int> worked{0};
  BoundedWorker<int> w(4, [&](int& i) {
    if (i == 3) throw std::runtime_error("disk full");
    ++worked;
  });
  for (int i = 0; i < 4; ++i) w.hand(int(i));
  EXPECT_THROW(w.drain(), std::runtime_error);
  EXPECT_THROW(w.hand(5), std::runtime_error);
  EXPECT_EQ(worked.load(), 3);
}

TEST(BoundedWorker, StopDropsWhatIsQueued) {
  int worked = 0;  // the worker's; read after stop()
  std::atomic<bool> started{false};
  BoundedWorker<int>* self = nullptr;
  BoundedWorker<int> w(10, [&](int&) {
    // The first item lasts until stop() is called: the four others are still queued then.
    started = true;
    while (!self->stopping()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ++worked;
  });
  self = &w;
  for (int i = 0; i < 5; ++i) w.hand(int(i));
  while (!started) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  w.stop();
  EXPECT_EQ(worked, 1);
}

}  // namespace
}  // namespace confrere
