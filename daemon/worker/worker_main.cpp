// The worker side of the daemon ⇄ worker protocol (see worker_process.hpp).
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <csignal>
#include <iostream>

#include "chain/chain_runner.hpp"
#include "config/daemon_config.hpp"
#include "gongwen/json.hpp"
#include "worker/heap_retention.hpp"
#include "worker/worker_process.hpp"

namespace gongwen {

namespace json = boost::json;

namespace {

// No deadline inside the worker: the daemon decides how long is too long.
FrameChannel::Clock::time_point forever() {
    return FrameChannel::Clock::now() + std::chrono::hours(24 * 365);
}

void limit_memory(int memory_mb) {
#if defined(__SANITIZE_ADDRESS__)
    // AddressSanitizer reserves terabytes of address space up front: an RLIMIT_AS would stop
    // it from starting. Sanitizer builds run without the limit.
    (void)memory_mb;
#else
    const rlim_t bytes = static_cast<rlim_t>(memory_mb) << 20;
    const rlimit limit{bytes, bytes};
    if (::setrlimit(RLIMIT_AS, &limit) != 0) std::perror("gongwen worker: setrlimit(RLIMIT_AS)");
#endif
}

}  // namespace

int worker_main(int fd, int memory_mb) {
    // Die with the daemon, and leave stop signals to it: on Ctrl-C or systemd's SIGTERM the
    // daemon finishes the documents in flight, which needs the workers alive until it is done.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() == 1) return 1;
    std::signal(SIGINT, SIG_IGN);
    std::signal(SIGTERM, SIG_IGN);
    std::signal(SIGHUP, SIG_IGN);
    std::signal(SIGPIPE, SIG_IGN);

    FrameChannel channel(fd);
    std::string frame;
    if (channel.read(frame, forever()) != FrameStatus::ok) return 1;

    Chain chain;
    std::unique_ptr<ChainRunner> runner;
    try {
        const json::object hello = json::parse(frame).as_object();
        const DaemonConfig config = parse_config(std::string(hello.at("config").as_string()),
                                                 std::string(hello.at("config_file").as_string()));
        chain = Chain::load({config.chain, config.plugin_dirs, config.plugin_tables, config.file,
                             config.output_dir});
        limit_memory(memory_mb);  // after loading: the limit is for documents, not for dlopen
        if (const std::string error = retain_freed_heap(worker_retained_heap); !error.empty())
            std::cerr << "gongwen worker: " << error << "\n";
        runner = std::make_unique<ChainRunner>(chain);
    } catch (const std::exception& e) {
        channel.write(json::serialize(json::object{{"type", "error"}, {"message", e.what()}}),
                      forever());
        return 2;
    }
    runner->on_stage([&](const std::string& plugin) {
        channel.write(json::serialize(json::object{{"type", "stage"}, {"plugin", plugin}}),
                      forever());
    });
    if (channel.write(
            json::serialize(json::object{{"type", "ready"}, {"chain", chain.signature()}}),
            forever()) != FrameStatus::ok)
        return 1;

    for (;;) {
        std::string request, bytes;
        if (channel.read(request, forever()) != FrameStatus::ok) break;  // the daemon is done
        if (channel.read(bytes, forever()) != FrameStatus::ok) break;
        Document doc =
            document_from_json(json::serialize(json::parse(request).as_object().at("doc")));
        doc.bytes = std::move(bytes);
        const auto failure = runner->run(doc);
        json::value f = nullptr;
        if (failure)
            f = json::object{{"plugin", failure->plugin},
                             {"message", failure->message},
                             {"out_of_memory", failure->out_of_memory}};
        doc.bytes.clear();
        const json::object result{
            {"type", "result"}, {"doc", json::parse(to_json(doc))}, {"failure", f}};
        if (channel.write(json::serialize(result), forever()) != FrameStatus::ok) break;
        if (failure && failure->out_of_memory) return 3;
    }
    runner.reset();  // plugins' finish() runs before the libraries are unloaded
    return 0;
}

}  // namespace gongwen
