// `taperlab serve [--port N] [--bind ADDR] [--db FILE] [--web DIR] [--threads N] [--keep N]
// [--trust-proxy ADDR[,ADDR...]] [--hsts-max-age S] [--sign-in-limit N] [--sign-up-limit N]
// [--demo]`: the JSON API and the web app from one process, on the embedded SQLite store or, with
// --db postgresql://..., on a clinic's PostgreSQL shared with other server processes. SIGTERM or
// Ctrl-C stops it after the requests in flight are answered. Behind a reverse proxy that ends TLS,
// see docs/deployment.md.
#include <pthread.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "auth/login_limit.hpp"
#include "auth/password_hash.hpp"
#include "commands/commands.hpp"
#include "core/base/error.hpp"
#include "io/clock.hpp"
#include "journal/demo.hpp"
#include "journal_session.hpp"
#include "server/forwarded.hpp"
#include "server/http_server.hpp"
#include "store/open_repository.hpp"
#include "store/sqlite/group_commit.hpp"
#include "store/sqlite/open.hpp"

namespace taperlab::cli {
namespace {

struct ServeArgs {
  int port = 8080;
  std::string bind = "127.0.0.1";
  std::string db;
  std::string web;
  int threads = 32;
  bool demo = false;
  bool quiet = false;
  int keep = 4096;
  std::vector<std::string> trust_proxy;
  int hsts_max_age = 31'536'000;
  int sign_in_limit = auth::kDefaultFailedSignInsPerAddress;
  int sign_up_limit = auth::kDefaultSignUpsPerAddress;
};

constexpr const char* kDemoEmail = "demo@taperlab.local";
constexpr const char* kDemoPassword = "demo-taper-2026";  // a made-up journal on a local server

// A demo person with 60 days of journal and an account to sign in with (once per database).
void load_demo(CliContext& ctx, store::Repository& repo) {
  if (repo.find_user_by_email(kDemoEmail)) return;
  const journal::JournalContext jc{ctx.catalog(), ctx.instruments(), ctx.crisis_directory(),
                                   repo,          io::local_today(), io::now_utc()};
  const Person person = journal::load_demo_person(jc, "Alex (demo)");
  User user;
  user.email = kDemoEmail;
  user.password_hash = auth::hash_password(kDemoPassword);
  user.person_id = person.id;
  user.role = "patient";
  user.created_at = jc.now_utc;
  repo.add_user(user);
}

// `--trust-proxy` values: addresses or CIDR ranges, each option repeatable or a comma list.
server::TrustedProxies trusted_proxies(const std::vector<std::string>& values) {
  std::vector<server::AddressRange> ranges;
  for (const std::string& value : values) {
    auto range = server::AddressRange::parse(value);
    if (!range) {
      const std::string expected = "expected an IP address or a CIDR range (127.0.0.1, ::1, ";
      throw ValidationError("--trust-proxy", expected + "10.0.0.0/8), got '" + value + "'");
    }
    ranges.push_back(*range);
  }
  return server::TrustedProxies(std::move(ranges));
}

std::filesystem::path default_web_dir() {
  if (const char* dir = std::getenv("TAPERLAB_WEB_DIR"); dir && *dir) return dir;
  return TAPERLAB_WEB_DIST;
}

void run_serve(CliContext& ctx, const ServeArgs& a) {
  if (a.port < 0 || a.port > 65535) throw ValidationError("--port", "expected 0 to 65535");
  if (a.threads < 1 || a.threads > 256) throw ValidationError("--threads", "expected 1 to 256");
  if (a.keep < 0 || a.keep > 1'000'000) throw ValidationError("--keep", "expected 0 to 1000000");
  // Two years at most: what browsers' preload lists take as the longest useful.
  if (a.hsts_max_age < 0 || a.hsts_max_age > 63'072'000) {
    throw ValidationError("--hsts-max-age", "expected 0 to 63072000 seconds (two years)");
  }
  if (a.sign_in_limit < 1 || a.sign_in_limit > 100'000) {
    throw ValidationError("--sign-in-limit", "expected 1 to 100000");
  }
  if (a.sign_up_limit < 1 || a.sign_up_limit > 100'000) {
    throw ValidationError("--sign-up-limit", "expected 1 to 100000");
  }
  server::TrustedProxies proxies = trusted_proxies(a.trust_proxy);
  warn_if_password_in(a.db);
  const std::string db = journal_db(a.db);
  // Opening one repository first applies the migrations once, before any request races for it.
  auto first = store::open_repository(db);
  if (a.demo) load_demo(ctx, *first);
  server::RepositoryPool::Opener opener;
  if (store::is_postgres_url(db)) {
    // One connection per worker thread that needs one; every commit is durable when it returns,
    // and the change counters move in the database, so several servers may share it.
    opener = [db] { return store::open_postgres_repository(db); };
  } else {
    // The connections share one group commit: a request's writes are synced after it leaves the
    // write queue, together with the writes of the requests that committed meanwhile.
    auto group_commit = std::make_shared<store::GroupCommit>(db);
    opener = [db, group_commit] { return store::open_sqlite_repository(db, group_commit); };
  }
  server::RepositoryPool pool(std::move(opener));

  server::ServerLimits limits;
  limits.threads = a.threads;
  limits.hsts_max_age_s = a.hsts_max_age;
  limits.trusted_proxies = proxies;
  limits.failed_sign_ins_per_address = a.sign_in_limit;
  limits.sign_ups_per_address = a.sign_up_limit;
  server::ServerContext context{
      ctx.catalog(),   ctx.instruments(), ctx.crisis_directory(), pool, limits,
      io::local_today, io::now_utc};
  context.data_dir = ctx.data_dir;  // data/codes, read on use like the other data files
  const auto keep = static_cast<std::size_t>(a.keep);
  context.signed_in = std::make_shared<server::SignedInCache>(keep);
  context.today_answers = std::make_shared<server::TodayMemo>(keep);
  server::HttpOptions options;
  options.bind = a.bind;
  options.port = a.port;
  options.web_dir = a.web.empty() ? default_web_dir() : std::filesystem::path(a.web);
  if (!std::filesystem::exists(options.web_dir / "index.html")) {
    spdlog::warn("no web app in {} (run `npm run build` in web/); serving the API only",
                 options.web_dir.string());
    options.web_dir.clear();
  }
  options.access_log = !a.quiet;

  // SIGTERM and SIGINT are handled by one thread with sigwait; the server's threads inherit the
  // blocked mask, so no signal lands in the middle of a request.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  server::HttpServer http(context, options);
  const int port = http.bind();
  std::thread waiter([&] {
    int signal = 0;
    sigwait(&signals, &signal);
    http.stop();
  });
  ctx.out() << "taperlab is running at http://" << a.bind << ":" << port << "/\n";
  if (a.demo) {
    ctx.out() << "Sign in with " << kDemoEmail << " and the password " << kDemoPassword
              << " (a made-up journal), or create your own account.\n";
  } else {
    ctx.out() << "Open it in a browser and create an account to start.\n";
  }
  if (!proxies.empty()) {
    std::string names;
    for (const auto& range : proxies.ranges()) names += (names.empty() ? "" : ", ") + range.text();
    ctx.out() << "Behind a proxy: the client's address and https are taken from the "
                 "X-Forwarded-For/-Proto or Forwarded headers of "
              << names << " only.\n";
  }
  ctx.out() << "Press Ctrl-C to stop.\n" << std::flush;
  http.serve();
  kill(getpid(), SIGTERM);  // wakes the waiter when serve() ended on its own
  waiter.join();
  ctx.out() << "taperlab stopped.\n";
}

}  // namespace

void add_serve_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("serve", "serve the web app and its JSON API");
  auto a = std::make_shared<ServeArgs>();
  cmd->add_option("--port", a->port, "port to listen on (0: any free port)")->capture_default_str();
  cmd->add_option("--bind", a->bind, "address to listen on")->capture_default_str();
  cmd->add_option("--db", a->db, db_option_help());
  cmd->add_option("--web", a->web, "the built web app folder (default web/dist)");
  cmd->add_option("--threads", a->threads, "worker threads")->capture_default_str();
  cmd->add_flag("--demo", a->demo, "add a demo person with 60 days of history to sign in with");
  cmd->add_flag("--quiet", a->quiet, "no access log");
  cmd->add_option("--keep", a->keep,
                  "sessions and days (GET today) kept in memory between requests, each checked "
                  "against the database before use (0: keep none)")
      ->capture_default_str();
  cmd->add_option("--trust-proxy", a->trust_proxy,
                  "a reverse proxy (IP address or CIDR range; repeat or separate with commas) "
                  "whose X-Forwarded-For/-Proto and Forwarded headers are believed: a request it "
                  "forwards as https gets a Secure cookie and HSTS (docs/deployment.md)")
      ->delimiter(',');
  cmd->add_option("--hsts-max-age", a->hsts_max_age,
                  "Strict-Transport-Security max-age on https answers, in seconds (0: none)")
      ->capture_default_str();
  cmd->add_option("--sign-in-limit", a->sign_in_limit,
                  "failed sign-ins one address may make in 15 minutes, whatever the accounts "
                  "(each account has its own limit of 5)")
      ->capture_default_str();
  cmd->add_option("--sign-up-limit", a->sign_up_limit, "accounts one address may create in an hour")
      ->capture_default_str();
  cmd->callback([&ctx, a] { run_serve(ctx, *a); });
}

}  // namespace taperlab::cli
