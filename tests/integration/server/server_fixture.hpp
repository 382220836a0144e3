#pragma once

// The real HTTP server in-process on a free port, over a fresh SQLite file in a temporary folder,
// with the shipped data, a pinned today and clock, and a tiny web app folder so static answers can
// be checked too. Tests talk to it with httplib::Client over 127.0.0.1, as a browser would.

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "io/data_dir.hpp"
#include "io/instruments_load.hpp"
#include "server/http_server.hpp"
#include "server/repository_pool.hpp"
#include "server/server_context.hpp"
#include "store/sqlite/group_commit.hpp"
#include "store/sqlite/open.hpp"

namespace taperlab::server::testing {

using nlohmann::json;

inline constexpr const char* kToday = "2026-03-01";
inline constexpr const char* kNowUtc = "2026-03-01T09:00:00Z";
inline constexpr const char* kPassword = "correct-horse-battery";

// A signed-up user as a client sees it: the cookie to send back and the CSRF token.
struct Account {
  std::string email;
  std::int64_t person_id = 0;
  std::string cookie;  // "taperlab_session=..."
  std::string csrf;
};

// "taperlab_session=abc; Path=/; ..." -> "taperlab_session=abc".
inline std::string cookie_pair(const std::string& set_cookie) {
  return set_cookie.substr(0, set_cookie.find(';'));
}

class ServerFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "taperlab-server-XXXXXX");
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    folder_ = pattern;
    std::filesystem::create_directories(folder_ / "web");
    std::ofstream(folder_ / "web" / "index.html") << "<!doctype html><title>taperlab</title>\n";

    // As `taperlab serve` does: one repository opened first applies the migrations before any
    // request races for the file.
    const auto db = folder_ / "journal.db";
    first_ = store::open_sqlite_repository(db);
    // As `taperlab serve` opens them: commits made durable in groups.
    auto group_commit = std::make_shared<store::GroupCommit>(db);
    pool_ = std::make_unique<RepositoryPool>(
        [db, group_commit] { return store::open_sqlite_repository(db, group_commit); });

    ServerLimits limits;
    limits.threads = 4;
    configure(limits);
    context_ = std::make_unique<ServerContext>(ServerContext{
        catalog(), instruments(), crisis(), *pool_, limits,
        [] { return parse_civil_date(kToday, "today"); }, [this] { return now_utc(); }});
    HttpOptions options;
    options.port = 0;
    options.web_dir = folder_ / "web";
    options.access_log = false;
    server_ = std::make_unique<HttpServer>(*context_, options);
    port_ = server_->bind();
    thread_ = std::thread([this] { server_->serve(); });
    wait_until_serving();
  }

  void TearDown() override {
    if (server_) server_->stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
    context_.reset();
    pool_.reset();
    first_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
  }

  // For a test's own limits (more threads, other rate limits), before the server starts.
  virtual void configure(ServerLimits& /*limits*/) {}

  // A fresh client per call: keeps requests independent of each other's connection state.
  [[nodiscard]] httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(30, 0);
    return c;
  }

  // One request. `account` adds its cookie and, unless `csrf` is false, its CSRF token.
  httplib::Result call(const std::string& method, const std::string& path,
                       const Account* account = nullptr, const std::string& body = "",
                       bool csrf = true) const {
    httplib::Headers headers;
    if (account) {
      headers.emplace("Cookie", account->cookie);
      if (csrf) headers.emplace("X-CSRF-Token", account->csrf);
    }
    auto c = client();
    if (method == "GET") return c.Get(path, headers);
    if (method == "POST") return c.Post(path, headers, body, "application/json");
    if (method == "PUT") return c.Put(path, headers, body, "application/json");
    if (method == "DELETE") return c.Delete(path, headers, body, "application/json");
    throw std::logic_error("unsupported method " + method);
  }
  httplib::Result get(const std::string& path, const Account* account = nullptr) const {
    return call("GET", path, account);
  }
  httplib::Result post(const std::string& path, const Account* account, const json& body) const {
    return call("POST", path, account, body.dump());
  }

  // In the UK (GB) unless told otherwise: a plan uses the products of the person's country.
  Account sign_up(const std::string& email, const std::string& password = kPassword,
                  const std::string& country = "GB") const {
    json body{{"email", email}, {"password", password}};
    if (!country.empty()) body["country"] = country;
    auto res = post("/api/v1/auth/signup", nullptr, body);
    if (!res || res->status != 202) {
      throw std::runtime_error("sign-up failed: " + (res ? res->body : std::string("no answer")));
    }
    // Sign-up starts no session (its answer must not tell a new address from a taken one): sign
    // in, as the web app does.
    res = post("/api/v1/auth/signin", nullptr, {{"email", email}, {"password", password}});
    if (!res || res->status != 200) {
      throw std::runtime_error("sign-in failed: " + (res ? res->body : std::string("no answer")));
    }
    const json doc = json::parse(res->body);
    return Account{email, doc.at("person_id").get<std::int64_t>(),
                   cookie_pair(res->get_header_value("Set-Cookie")),
                   doc.at("csrf_token").get<std::string>()};
  }

  // A person a few days into a clonazepam taper: a regimen, a plan begun 2026-02-01, a dose
  // logged and a PHQ-9 (what the export and report routes' tests read back).
  Account sign_up_with_a_short_journal(const std::string& email) const {
    const Account me = sign_up(email);
    auto send = [&](const std::string& rest, const json& body) {
      auto res = call("POST", person_path(me, rest), &me, body.dump());
      if (!res || res->status != 201) {
        throw std::runtime_error(rest + ": " + (res ? res->body : std::string("no answer")));
      }
    };
    send("/regimen", {{"regimen", "clonazepam 0.5mg@08:00, 0.5mg@20:00"}, {"date", "2026-02-01"}});
    send("/plans",
         {{"strategy", "fraction"}, {"cut", "10%"}, {"every", "14d"}, {"start", "2026-02-01"}});
    send("/doses", json::object());
    send("/questionnaires/phq9", {{"answers", {1, 0, 1, 0, 0, 1, 0, 0, 0}}});
    return me;
  }

  // "/api/v1/people/{id}" + rest.
  static std::string person_path(const Account& a, const std::string& rest = "") {
    return "/api/v1/people/" + std::to_string(a.person_id) + rest;
  }

  // The shipped data, loaded once for all tests.
  static const Catalog& catalog() {
    static const Catalog catalog = io::load_catalog(TAPERLAB_TEST_DATA_DIR);
    return catalog;
  }
  static const InstrumentRegistry& instruments() {
    static const InstrumentRegistry registry = io::load_instruments(TAPERLAB_TEST_DATA_DIR);
    return registry;
  }
  static const CrisisDirectory& crisis() {
    static const CrisisDirectory directory = io::load_crisis_directory(TAPERLAB_TEST_DATA_DIR);
    return directory;
  }

  [[nodiscard]] int port() const { return port_; }

  // A client of the same database file outside the server, as the CLI or another server process
  // would be.
  store::Repository& outside() { return *first_; }

  // The server's clock (kNowUtc until a test moves it).
  void set_now_utc(std::string now) {
    std::lock_guard lock(clock_mutex_);
    now_utc_ = std::move(now);
  }
  std::string now_utc() {
    std::lock_guard lock(clock_mutex_);
    return now_utc_;
  }

 private:
  // httplib's stop() only ends a server that is already listening, so SetUp returns once the
  // server has answered; otherwise an early TearDown could leave serve() blocked for ever.
  void wait_until_serving() const {
    for (int i = 0; i < 500; ++i) {
      auto c = client();
      c.set_connection_timeout(0, 100000);
      if (auto res = c.Get("/api/v1/health"); res && res->status == 200) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    throw std::runtime_error("the server did not start");
  }

  std::filesystem::path folder_;
  std::mutex clock_mutex_;
  std::string now_utc_ = kNowUtc;
  std::unique_ptr<store::Repository> first_;
  std::unique_ptr<RepositoryPool> pool_;
  std::unique_ptr<ServerContext> context_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  int port_ = 0;
};

// The answer's body as JSON; fails the test (not a crash) when there is no answer.
// The default checklist's symptoms, in its order (data/checklists): a check-in answering all.
inline const std::vector<std::string> kChecklistSymptoms = {"anxiety",
                                                            "panic",
                                                            "irritability",
                                                            "low-mood",
                                                            "insomnia",
                                                            "nightmares",
                                                            "fatigue",
                                                            "poor-concentration",
                                                            "memory-problems",
                                                            "muscle-tension",
                                                            "tremor",
                                                            "twitching",
                                                            "sweating",
                                                            "palpitations",
                                                            "headache",
                                                            "dizziness",
                                                            "nausea",
                                                            "tinnitus",
                                                            "light-sound-sensitivity",
                                                            "numbness-tingling",
                                                            "depersonalisation",
                                                            "restlessness"};

inline json body_of(const httplib::Result& res) {
  if (!res) {
    ADD_FAILURE() << "no answer: " << httplib::to_string(res.error());
    return json();
  }
  return json::parse(res->body, nullptr, false);
}

}  // namespace taperlab::server::testing
