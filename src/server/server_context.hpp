#pragma once

// What every request shares: the read-only catalogues, where repositories come from, the clock
// and the limits. What is kept of a person's state (sessions, today's answer) is used only after
// checking the store's change counters, so several server processes can share one database.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "auth/login_limit.hpp"
#include "core/drugs/catalog.hpp"
#include "core/base/civil_date.hpp"
#include "core/instruments/crisis_directory.hpp"
#include "core/instruments/instrument_registry.hpp"
#include "journal/clinic_dashboard.hpp"
#include "journal/journal_context.hpp"
#include "server/abrupt_stop_memo.hpp"
#include "server/compute_gate.hpp"
#include "server/forwarded.hpp"
#include "server/plan_search_memo.hpp"
#include "server/repository_pool.hpp"
#include "server/signed_in_cache.hpp"
#include "server/today_memo.hpp"

namespace taperlab::server {

struct ServerLimits {
  // 1 MiB: any form. A route may take more (Route::max_body_bytes): an import, 8 MiB.
  std::size_t max_body_bytes = 1 << 20;
  int max_json_depth = 32;
  // The connection side (http_connection.cpp): a request's header section, counted from its first
  // byte, and then its body must each arrive within these; an answer must be taken within
  // write_timeout_s. Slower clients are cut off, so they cannot hold the server's memory for ever.
  int header_timeout_s = 10;
  int read_timeout_s = 10;  // the body
  int write_timeout_s = 10;
  int idle_timeout_s = 5;               // a connection waiting for its (next) request
  std::size_t max_header_bytes = 16 << 10;  // request line and header fields together: else 431
  int max_header_fields = 100;          // else 431
  int max_connections = 4096;           // open at once; more are closed as soon as accepted
  int max_connections_per_address = 512;  // a clinic behind one NAT address, or a proxy
  int io_threads = 2;  // sockets: reading, parsing and writing, never a route
  int threads = 32;    // route handlers (SQLite, simulations); no connection holds one while idle
  int keep_alive_requests = 100;  // requests on one connection before the server closes it
  int session_days = 30;
  // Rate limits per address (auth/login_limit.hpp): failed sign-ins across accounts in 15
  // minutes, sign-ups in an hour.
  int failed_sign_ins_per_address = auth::kDefaultFailedSignInsPerAddress;
  int sign_ups_per_address = auth::kDefaultSignUpsPerAddress;
  // Whose X-Forwarded-For/-Proto and Forwarded headers are believed (`serve --trust-proxy`): the
  // client's address and whether it used https (forwarded.hpp). None by default.
  TrustedProxies trusted_proxies;
  // Strict-Transport-Security's max-age on answers to https requests (0: none sent); a year, as
  // browsers' preload lists ask.
  int hsts_max_age_s = 31'536'000;
};

struct ServerContext {
  const Catalog& catalog;
  const InstrumentRegistry& instruments;
  const CrisisDirectory& crisis;
  RepositoryPool& repositories;
  ServerLimits limits;
  std::function<CivilDate()> today;
  std::function<std::string()> now_utc;  // "YYYY-MM-DDTHH:MM:SSZ"
  // The data folder the server was started with (`taperlab --data-dir DIR serve`), for files read
  // on use (data/codes for the FHIR export); empty: TAPERLAB_DATA_DIR or the built-in one.
  std::filesystem::path data_dir;
  // Simulations (plan previews and saves) compute a few at a time, in arrival order.
  std::shared_ptr<ComputeGate> simulations = std::make_shared<ComputeGate>();
  // Computations from requests' own inputs, not a person's state (abrupt_stop_memo.hpp).
  std::shared_ptr<AbruptStopMemo> abrupt_stops = std::make_shared<AbruptStopMemo>();
  // The alternatives of recent previews, so that picking another builds only it
  // (plan_search_memo.hpp).
  std::shared_ptr<PlanSearchMemo> plan_searches = std::make_shared<PlanSearchMemo>();
  // Read state kept between requests, checked against the store's change counters before use.
  std::shared_ptr<SignedInCache> signed_in = std::make_shared<SignedInCache>();
  std::shared_ptr<TodayMemo> today_answers = std::make_shared<TodayMemo>();
  // Clinicians' dashboard rows (journal/clinic_dashboard.hpp), checked the same way.
  std::shared_ptr<journal::DashboardRowMemo> dashboard_rows =
      std::make_shared<journal::DashboardRowMemo>();
};

}  // namespace taperlab::server
