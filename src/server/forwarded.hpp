#pragma once

// Behind a reverse proxy (nginx, Caddy) that ends TLS, the TCP peer is the proxy and the
// connection is plain HTTP: who the client is and whether it spoke https travel in the proxy's
// headers, `X-Forwarded-For` / `X-Forwarded-Proto` or `Forwarded` (RFC 7239). Those headers are
// believed only from the addresses `taperlab serve --trust-proxy` names; from anyone else they are
// ignored, so a client cannot claim https or another address. See docs/deployment.md.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taperlab::server {

// An IP address (IPv4 or IPv6; IPv4 is kept as IPv4-mapped IPv6, so "::ffff:127.0.0.1" is
// 127.0.0.1), as a socket or a proxy header gives it.
class IpAddress {
 public:
  // "127.0.0.1", "::1", "::ffff:10.0.0.1"; nullopt for anything else (no names, no ports).
  static std::optional<IpAddress> parse(std::string_view text);
  // The address written canonically: dotted IPv4, else RFC 5952 IPv6.
  [[nodiscard]] std::string text() const;
  [[nodiscard]] bool is_v4() const;
  [[nodiscard]] const std::array<std::uint8_t, 16>& bytes() const { return bytes_; }

 private:
  std::array<std::uint8_t, 16> bytes_{};
};

// One `--trust-proxy` value: an address, or a CIDR range of them ("10.0.0.0/8", "fd00::/8").
class AddressRange {
 public:
  // nullopt when `text` is not an address or a range, or a range has bits set after its prefix
  // ("10.0.0.1/8": a typo for a host or for 10.0.0.0/8; refused rather than guessed).
  static std::optional<AddressRange> parse(std::string_view text);
  [[nodiscard]] bool contains(const IpAddress& address) const;
  [[nodiscard]] std::string text() const;

 private:
  IpAddress first_;
  int prefix_bits_ = 128;  // of the 128 bits of first_
};

// The proxies whose forwarding headers are believed; none by default.
class TrustedProxies {
 public:
  TrustedProxies() = default;
  explicit TrustedProxies(std::vector<AddressRange> ranges) : ranges_(std::move(ranges)) {}
  [[nodiscard]] bool empty() const { return ranges_.empty(); }
  [[nodiscard]] bool contains(const IpAddress& address) const;
  [[nodiscard]] bool contains(std::string_view address) const;
  [[nodiscard]] const std::vector<AddressRange>& ranges() const { return ranges_; }

 private:
  std::vector<AddressRange> ranges_;
};

// The headers a proxy forwards, as received (empty when absent).
struct ForwardingHeaders {
  std::string_view forwarded;          // Forwarded (RFC 7239)
  std::string_view x_forwarded_for;    // X-Forwarded-For
  std::string_view x_forwarded_proto;  // X-Forwarded-Proto
};

// Who sent a request and how.
struct ClientOrigin {
  std::string address;  // the client's: the TCP peer's, or the one a trusted proxy forwarded
  bool https = false;   // a trusted proxy received the request over TLS
};

// One element of a `Forwarded` header: its `for` and `proto` parameters (`by` and `host` are
// read for syntax only).
struct ForwardedElement {
  std::string for_node;  // "192.0.2.60", "[2001:db8::17]:4711", "unknown", "_hidden"; may be empty
  std::string proto;     // lower case; may be empty
};

// The elements of a `Forwarded` header, left (the client's side) to right (the nearest proxy's);
// nullopt when it does not follow RFC 7239's grammar (a malformed header says nothing).
std::optional<std::vector<ForwardedElement>> parse_forwarded(std::string_view header);

// The address in a node of `Forwarded: for=` or `X-Forwarded-For`, with any port dropped
// ("[2001:db8::17]:4711", "192.0.2.60:80", "2001:db8::17"); nullopt for "unknown", an obfuscated
// identifier ("_hidden") or anything malformed.
std::optional<IpAddress> node_address(std::string_view node);

// Where a request came from. From a peer that is not a trusted proxy: the peer, not https,
// whatever the headers say. From a trusted proxy, the hops its headers list are walked from the
// nearest back, through further trusted proxies, to the first address that is not one: that is
// the client, and the hop's protocol says whether it used https. X-Forwarded-For/-Proto are read
// when either is present (what nginx and Caddy send, overwriting or appending to a client's),
// else `Forwarded`; so a proxy must set (not pass through) the headers taperlab reads.
ClientOrigin client_origin(std::string_view peer_address, const ForwardingHeaders& headers,
                           const TrustedProxies& trusted);

// The Strict-Transport-Security value for an answer sent over https ("max-age=31536000").
std::string strict_transport_security(int max_age_s);

}  // namespace taperlab::server
