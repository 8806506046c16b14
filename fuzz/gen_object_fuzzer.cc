// Fuzzes `gen` over one object file: the input bytes are an ELF object, run
// through Generator exactly as `kcrc gen --stable -T` would, with the exports
// taken from the object's own symbol table (plus a few fixed names, so that an
// object whose symbol table is damaged still exercises the DWARF walk).
//
// Contract under test: any input ends with a result or a kcrc::Error; never a
// crash, a sanitizer report, a hang or another exception type.
#include <pthread.h>

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "fuzz_input.h"
#include "kcrc/base/diagnostics.h"
#include "kcrc/base/error.h"
#include "kcrc/base/workers.h"
#include "kcrc/elf/elf_file.h"
#include "kcrc/gen/generator.h"

namespace {

// At most this many symtab names become exports: enough for every fixture.
constexpr size_t kMaxExports = 64;

const std::vector<std::string>& FixedExports() {
  static const std::vector<std::string> kNames = {"use_point", "use_node", "gval", "garr",
                                                  "gcb",       "names",    "vfn"};
  return kNames;
}

void RunGen(const std::string& path) {
  std::vector<std::string> exports = FixedExports();
  try {
    kcrc::ElfFile elf(path);
    for (const kcrc::ElfSymbol& symbol : elf.defined_globals()) {
      if (exports.size() >= kMaxExports) break;
      bool seen = false;
      for (const std::string& name : exports) seen = seen || name == symbol.name;
      if (!seen) exports.emplace_back(symbol.name);
    }
  } catch (const kcrc::Error&) {
    // The generator reports the same error below; keep the fixed names.
  }
  kcrc::GenOptions options;
  options.stable = true;
  options.symtypes = true;
  options.kabi_report = true;
  kcrc::NullDiagnostics diagnostics;
  try {
    kcrc::Workers workers(1);
    kcrc::Generator generator(exports, options, {workers, diagnostics});
    generator.ProcessObject(path);
    (void)generator.Versions();
  } catch (const kcrc::Error&) {
  }
}

// Runs jobs on one thread with the CLI's large stack (the DWARF walk recurses
// as deep as types nest; see src/cli/large_stack.h). One thread for the whole
// run: a thread per input spent half the CPU time in creating and tearing
// down (ASan unpoisons the whole stack at thread exit).
class LargeStackWorker {
 public:
  LargeStackWorker() {
    constexpr size_t kStackSize = size_t{512} << 20;
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) != 0 || pthread_attr_setstacksize(&attr, kStackSize) != 0 ||
        pthread_create(&thread_, &attr, &LargeStackWorker::Loop, this) != 0) {
      std::perror("pthread_create");
      std::abort();
    }
    pthread_attr_destroy(&attr);
  }

  void Run(const std::function<void()>& job) {
    std::unique_lock<std::mutex> lock(mutex_);
    job_ = &job;
    wake_.notify_all();
    wake_.wait(lock, [&] { return job_ == nullptr; });
  }

 private:
  static void* Loop(void* arg) {
    auto* self = static_cast<LargeStackWorker*>(arg);
    std::unique_lock<std::mutex> lock(self->mutex_);
    while (true) {
      self->wake_.wait(lock, [&] { return self->job_ != nullptr; });
      (*self->job_)();
      self->job_ = nullptr;
      self->wake_.notify_all();
    }
    return nullptr;
  }

  pthread_t thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  const std::function<void()>* job_ = nullptr;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = kcrc::fuzz::InputPath(data, size);
  static LargeStackWorker* worker = new LargeStackWorker;  // never joined
  worker->Run([&] { RunGen(path); });
  return 0;
}
