// One background thread working through a bounded queue, in order: the indexer's writer threads
// and the ingest's preparing thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>

namespace confrere {

// Works `work(item)` on each item handed to it, in order, on its own thread. At most `capacity`
// items wait. The first exception `work` throws is kept: nothing more is worked on, and the
// caller's next hand() or drain() rethrows it. An item is destroyed on the worker's thread.
template <class T>
class BoundedWorker {
 public:
  BoundedWorker(size_t capacity, std::function<void(T&)> work)
      : capacity_(capacity), work_(std::move(work)), thread_([this] { loop(); }) {}
  BoundedWorker(const BoundedWorker&) = delete;
  BoundedWorker& operator=(const BoundedWorker&) = delete;
  ~BoundedWorker() { stop(); }

  // Queues `item`, waiting while the queue is full. Rethrows the work's failure.
  void hand(T&& item) {
    std::unique_lock<std::mutex> lock(mu_);
    space_.wait(lock, [&] { return queue_.size() < capacity_ || failure_; });
    if (failure_) std::rethrow_exception(failure_);
    queue_.push_back(std::move(item));
    changed_.notify_all();
  }

  // Waits until every handed item is worked. Rethrows the work's failure.
  void drain() {
    std::unique_lock<std::mutex> lock(mu_);
    space_.wait(lock, [&] { return (queue_.empty() && !busy_) || failure_; });
    if (failure_) std::rethrow_exception(failure_);
  }

  // Whether stop() was called: a long item may end early.
  bool stopping() {
    std::lock_guard<std::mutex> lock(mu_);
    return stopping_;
  }

  // Ends the thread after the item in hand; what is still queued is dropped.
  void stop() {
    if (!thread_.joinable()) return;
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }

 private:
  void loop() {
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      changed_.wait(lock, [&] { return stopping_ || (!queue_.empty() && !failure_); });
      if (stopping_) return;
      T item = std::move(queue_.front());
      queue_.pop_front();
      busy_ = true;
      lock.unlock();
      std::exception_ptr failed;
      try {
        work_(item);
      } catch (...) {
        failed = std::current_exception();
      }
      item = T();  // released here, on this thread
      lock.lock();
      busy_ = false;
      if (failed) failure_ = failed;
      space_.notify_all();
    }
  }

  const size_t capacity_;
  std::function<void(T&)> work_;
  std::mutex mu_;
  std::condition_variable changed_;  // the worker's: an item is queued, or stop
  std::condition_variable space_;    // the caller's: room in the queue, all worked, or a failure
  std::deque<T> queue_;
  bool busy_ = false;  // the worker is working an item it took off the queue
  bool stopping_ = false;
  std::exception_ptr failure_;
  std::thread thread_;  // last: started once everything above exists
};

}  // namespace confrere
