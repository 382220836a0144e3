#include "server/forwarded.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

#include "core/base/text.hpp"

namespace taperlab::server {
namespace {

bool is_ows(char c) { return c == ' ' || c == '\t'; }

std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && is_ows(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ows(s.back())) s.remove_suffix(1);
  return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// tchar (RFC 9110 section 5.6.2).
bool is_tchar(char c) {
  return is_digit(c) || is_alpha(c) || std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = lower(c);
  return out;
}

// The elements of a comma-separated header list, trimmed; empty elements skipped (RFC 9110
// section 5.6.1).
std::vector<std::string_view> split_list(std::string_view header) {
  std::vector<std::string_view> items;
  while (true) {
    const std::size_t comma = header.find(',');
    const std::string_view item = trim_ows(header.substr(0, comma));
    if (!item.empty()) items.push_back(item);
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return items;
}

// A port after a node's address: 1 to 5 digits, or an obfuscated one ("_abc"; RFC 7239 section
// 6.3).
bool valid_port(std::string_view port) {
  if (port.empty()) return false;
  if (port.front() == '_') {
    return port.size() > 1 && std::all_of(port.begin() + 1, port.end(), [](char c) {
             return is_digit(c) || is_alpha(c) || c == '.' || c == '_' || c == '-';
           });
  }
  return port.size() <= 5 && std::all_of(port.begin(), port.end(), is_digit);
}

// Reads `Forwarded` left to right: elements split by commas, pairs by semicolons, values tokens or
// quoted strings.
class ForwardedReader {
 public:
  explicit ForwardedReader(std::string_view text) : text_(text) {}

  std::optional<std::vector<ForwardedElement>> read() {
    std::vector<ForwardedElement> elements;
    while (true) {
      skip_ows();
      if (at_end()) break;
      if (peek() == ',') {  // an empty list element
        ++pos_;
        continue;
      }
      auto element = read_element();
      if (!element) return std::nullopt;
      elements.push_back(std::move(*element));
      skip_ows();
      if (at_end()) break;
      if (peek() != ',') return std::nullopt;
      ++pos_;
    }
    return elements;
  }

 private:
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }
  void skip_ows() {
    while (!at_end() && is_ows(peek())) ++pos_;
  }

  // forwarded-element = [ forwarded-pair ] *( ";" [ forwarded-pair ] ); OWS around ";" is taken
  // too, as some proxies write "for=x; proto=https".
  std::optional<ForwardedElement> read_element() {
    ForwardedElement element;
    std::vector<std::string> seen;
    while (true) {
      skip_ows();
      if (!at_end() && peek() != ';' && peek() != ',') {
        std::string name = read_token();
        if (name.empty() || at_end() || peek() != '=') return std::nullopt;
        ++pos_;
        auto value = read_value();
        if (!value) return std::nullopt;
        name = lower(name);
        // A parameter may appear once per element (RFC 7239 section 4).
        if (std::find(seen.begin(), seen.end(), name) != seen.end()) return std::nullopt;
        seen.push_back(name);
        if (name == "for") element.for_node = std::move(*value);
        if (name == "proto") element.proto = lower(*value);
        skip_ows();
      }
      if (at_end() || peek() == ',') return element;
      if (peek() != ';') return std::nullopt;
      ++pos_;
    }
  }

  std::string read_token() {
    const std::size_t start = pos_;
    while (!at_end() && is_tchar(peek())) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }

  // token / quoted-string (RFC 9110 section 5.6.4), unquoted.
  std::optional<std::string> read_value() {
    if (at_end()) return std::nullopt;
    if (peek() != '"') {
      std::string token = read_token();
      if (token.empty()) return std::nullopt;
      return token;
    }
    ++pos_;
    std::string value;
    while (!at_end()) {
      const auto c = static_cast<unsigned char>(peek());
      ++pos_;
      if (c == '"') return value;
      if (c == '\\') {
        if (at_end()) return std::nullopt;
        const auto escaped = static_cast<unsigned char>(peek());
        ++pos_;
        if (escaped != '\t' && (escaped < 0x20 || escaped == 0x7f)) return std::nullopt;
        value += static_cast<char>(escaped);
        continue;
      }
      if (c != '\t' && (c < 0x20 || c == 0x7f)) return std::nullopt;
      value += static_cast<char>(c);
    }
    return std::nullopt;  // no closing quote
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
  // inet_pton needs a terminated string; anything longer than an IPv6 address is not one.
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  const std::string s(text);
  IpAddress address;
  in_addr v4{};
  if (::inet_pton(AF_INET, s.c_str(), &v4) == 1) {
    address.bytes_[10] = 0xff;
    address.bytes_[11] = 0xff;
    std::memcpy(address.bytes_.data() + 12, &v4, 4);
    return address;
  }
  in6_addr v6{};
  if (::inet_pton(AF_INET6, s.c_str(), &v6) == 1) {
    std::memcpy(address.bytes_.data(), &v6, 16);
    return address;
  }
  return std::nullopt;
}

bool IpAddress::is_v4() const {
  return std::all_of(bytes_.begin(), bytes_.begin() + 10, [](std::uint8_t b) { return b == 0; }) &&
         bytes_[10] == 0xff && bytes_[11] == 0xff;
}

std::string IpAddress::text() const {
  char buffer[INET6_ADDRSTRLEN] = {};
  if (is_v4()) {
    ::inet_ntop(AF_INET, bytes_.data() + 12, buffer, sizeof buffer);
  } else {
    ::inet_ntop(AF_INET6, bytes_.data(), buffer, sizeof buffer);
  }
  return buffer;
}

std::optional<AddressRange> AddressRange::parse(std::string_view text) {
  const std::size_t slash = text.find('/');
  auto address = IpAddress::parse(text.substr(0, slash));
  if (!address) return std::nullopt;
  AddressRange range;
  range.first_ = *address;
  if (slash == std::string_view::npos) return range;
  const std::string_view bits = text.substr(slash + 1);
  if (bits.empty() || bits.size() > 3 || !std::all_of(bits.begin(), bits.end(), is_digit)) {
    return std::nullopt;
  }
  const int prefix = std::stoi(std::string(bits));
  const int max_prefix = address->is_v4() ? 32 : 128;
  if (prefix > max_prefix) return std::nullopt;
  range.prefix_bits_ = prefix + (128 - max_prefix);
  // No bit may be set after the prefix.
  const auto& bytes = address->bytes();
  for (int bit = range.prefix_bits_; bit < 128; ++bit) {
    if ((bytes[static_cast<std::size_t>(bit / 8)] >> (7 - bit % 8)) & 1) return std::nullopt;
  }
  return range;
}

bool AddressRange::contains(const IpAddress& address) const {
  const auto& a = address.bytes();
  const auto& b = first_.bytes();
  const int whole = prefix_bits_ / 8;
  if (!std::equal(a.begin(), a.begin() + whole, b.begin())) return false;
  const int rest = prefix_bits_ % 8;
  if (rest == 0) return true;
  const auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
  return (a[static_cast<std::size_t>(whole)] & mask) == (b[static_cast<std::size_t>(whole)] & mask);
}

std::string AddressRange::text() const {
  const int bits = first_.is_v4() ? prefix_bits_ - 96 : prefix_bits_;
  const int max_bits = first_.is_v4() ? 32 : 128;
  return bits == max_bits ? first_.text() : first_.text() + "/" + std::to_string(bits);
}

bool TrustedProxies::contains(const IpAddress& address) const {
  return std::any_of(ranges_.begin(), ranges_.end(),
                     [&](const AddressRange& r) { return r.contains(address); });
}

bool TrustedProxies::contains(std::string_view address) const {
  auto parsed = IpAddress::parse(address);
  return parsed && contains(*parsed);
}

std::optional<std::vector<ForwardedElement>> parse_forwarded(std::string_view header) {
  return ForwardedReader(header).read();
}

std::optional<IpAddress> node_address(std::string_view node) {
  if (node.empty()) return std::nullopt;
  if (node.front() == '[') {
    const std::size_t close = node.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    const std::string_view rest = node.substr(close + 1);
    if (!rest.empty() && (rest.front() != ':' || !valid_port(rest.substr(1)))) return std::nullopt;
    auto address = IpAddress::parse(node.substr(1, close - 1));
    if (!address || address->is_v4()) return std::nullopt;  // brackets hold IPv6 only
    return address;
  }
  const std::size_t colon = node.find(':');
  if (colon != std::string_view::npos && node.find(':', colon + 1) == std::string_view::npos) {
    // "192.0.2.60:80": IPv4 and a port.
    if (!valid_port(node.substr(colon + 1))) return std::nullopt;
    auto address = IpAddress::parse(node.substr(0, colon));
    if (!address || !address->is_v4()) return std::nullopt;
    return address;
  }
  return IpAddress::parse(node);  // IPv4, or IPv6 without brackets (as X-Forwarded-For has it)
}

ClientOrigin client_origin(std::string_view peer_address, const ForwardingHeaders& headers,
                           const TrustedProxies& trusted) {
  const auto peer = IpAddress::parse(peer_address);
  ClientOrigin origin{peer ? peer->text() : std::string(peer_address), false};
  if (!peer || !trusted.contains(*peer)) return origin;

  struct Hop {
    std::string_view node;
    std::string_view proto;
  };
  std::vector<Hop> hops;  // left (the client's side) to right (the peer's)
  std::optional<std::vector<ForwardedElement>> elements;
  if (!headers.x_forwarded_for.empty() || !headers.x_forwarded_proto.empty()) {
    const auto nodes = split_list(headers.x_forwarded_for);
    const auto protos = split_list(headers.x_forwarded_proto);
    if (nodes.empty()) {  // the proxy says how, not from where
      origin.https = !protos.empty() && equals_ignoring_case(protos.back(), "https");
      return origin;
    }
    // One protocol is the nearest proxy's word for the client's hop; a list pairs with the
    // addresses from the right.
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      const std::size_t from_right = nodes.size() - 1 - i;
      std::string_view proto;
      if (protos.size() == 1) {
        proto = protos.front();
      } else if (from_right < protos.size()) {
        proto = protos[protos.size() - 1 - from_right];
      } else if (!protos.empty()) {
        proto = protos.front();
      }
      hops.push_back({nodes[i], proto});
    }
  } else if (!headers.forwarded.empty()) {
    elements = parse_forwarded(headers.forwarded);
    if (!elements) return origin;  // malformed: as if absent
    for (const auto& e : *elements) hops.push_back({e.for_node, e.proto});
  }

  for (std::size_t i = hops.size(); i-- > 0;) {
    origin.https = equals_ignoring_case(hops[i].proto, "https");
    const auto address = node_address(hops[i].node);
    // "unknown" or obfuscated: the client is known only as far as the last trusted hop.
    if (!address) break;
    origin.address = address->text();
    if (!trusted.contains(*address)) break;
  }
  return origin;
}

std::string strict_transport_security(int max_age_s) {
  return "max-age=" + std::to_string(max_age_s);
}

}  // namespace taperlab::server
