// Runs a function on a thread with the stack the renderer needs
// (kRenderStackSize).
#pragma once

#include <pthread.h>

#include <functional>

#include "kcrc/render/renderer.h"

namespace kcrc::cli {

inline int RunWithLargeStack(const std::function<int()>& fn) {
  struct Call {
    const std::function<int()>* fn;
    int result;
    std::exception_ptr error;
  } call{&fn, 0, nullptr};
  auto trampoline = [](void* arg) -> void* {
    auto* c = static_cast<Call*>(arg);
    try {
      c->result = (*c->fn)();
    } catch (...) {
      c->error = std::current_exception();
    }
    return nullptr;
  };
  pthread_attr_t attr;
  pthread_t thread;
  bool started = pthread_attr_init(&attr) == 0 &&
                 pthread_attr_setstacksize(&attr, kRenderStackSize) == 0 &&
                 pthread_create(&thread, &attr, trampoline, &call) == 0;
  pthread_attr_destroy(&attr);
  if (!started) return fn();  // fall back to the main thread's stack
  pthread_join(thread, nullptr);
  if (call.error) std::rethrow_exception(call.error);
  return call.result;
}

}  // namespace kcrc::cli
