// The proxy headers (src/server/forwarded.*): addresses and ranges for --trust-proxy, RFC 7239's
// Forwarded grammar, and who the client is, believed only from a trusted proxy.
#include "server/forwarded.hpp"

#include <gtest/gtest.h>

namespace taperlab::server {
namespace {

TrustedProxies trust(std::initializer_list<const char*> values) {
  std::vector<AddressRange> ranges;
  for (const char* v : values) ranges.push_back(AddressRange::parse(v).value());
  return TrustedProxies(std::move(ranges));
}

TEST(IpAddressTest, ReadsIpv4AndIpv6AndWritesThemCanonically) {
  EXPECT_EQ(IpAddress::parse("127.0.0.1")->text(), "127.0.0.1");
  EXPECT_EQ(IpAddress::parse("2001:DB8:0:0::17")->text(), "2001:db8::17");
  EXPECT_EQ(IpAddress::parse("::1")->text(), "::1");
  // An IPv4 client on a dual-stack socket is the IPv4 address.
  EXPECT_EQ(IpAddress::parse("::ffff:192.0.2.60")->text(), "192.0.2.60");
  EXPECT_TRUE(IpAddress::parse("::ffff:192.0.2.60")->is_v4());
}

TEST(IpAddressTest, RefusesNamesPortsAndJunk) {
  for (const char* text : {"", "localhost", "127.0.0.1:80", "[::1]", "1.2.3", "256.1.1.1",
                           "01.2.3.4", " 1.2.3.4", "fe80::1%eth0", "1.2.3.4/8", "unknown"}) {
    EXPECT_FALSE(IpAddress::parse(text)) << text;
  }
}

TEST(AddressRangeTest, MatchesAddressesInsideItsPrefixOnly) {
  const auto net = AddressRange::parse("10.0.0.0/8").value();
  EXPECT_TRUE(net.contains(*IpAddress::parse("10.255.1.2")));
  EXPECT_TRUE(net.contains(*IpAddress::parse("::ffff:10.0.0.1")));
  EXPECT_FALSE(net.contains(*IpAddress::parse("11.0.0.1")));
  EXPECT_FALSE(net.contains(*IpAddress::parse("::a00:1")));  // IPv6, not mapped IPv4

  const auto odd = AddressRange::parse("192.168.0.0/23").value();
  EXPECT_TRUE(odd.contains(*IpAddress::parse("192.168.1.255")));
  EXPECT_FALSE(odd.contains(*IpAddress::parse("192.168.2.0")));

  const auto v6 = AddressRange::parse("fd00::/8").value();
  EXPECT_TRUE(v6.contains(*IpAddress::parse("fd12:3456::1")));
  EXPECT_FALSE(v6.contains(*IpAddress::parse("fe80::1")));

  const auto one = AddressRange::parse("127.0.0.1").value();
  EXPECT_TRUE(one.contains(*IpAddress::parse("127.0.0.1")));
  EXPECT_FALSE(one.contains(*IpAddress::parse("127.0.0.2")));

  EXPECT_TRUE(AddressRange::parse("0.0.0.0/0")->contains(*IpAddress::parse("203.0.113.9")));
}

TEST(AddressRangeTest, WritesItselfAsGiven) {
  EXPECT_EQ(AddressRange::parse("10.0.0.0/8")->text(), "10.0.0.0/8");
  EXPECT_EQ(AddressRange::parse("127.0.0.1")->text(), "127.0.0.1");
  EXPECT_EQ(AddressRange::parse("127.0.0.1/32")->text(), "127.0.0.1");
  EXPECT_EQ(AddressRange::parse("FD00::/8")->text(), "fd00::/8");
}

TEST(AddressRangeTest, RefusesMalformedRangesAndHostBitsAfterThePrefix) {
  for (const char* text :
       {"10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/+8", "10.0.0.0/8/8",
        "10.0.0.1/8", "fd00::1/8", "proxy.example", "", "/8", "10.0.0.0/0008"}) {
    EXPECT_FALSE(AddressRange::parse(text)) << text;
  }
}

TEST(ForwardedTest, ReadsElementsPairsAndQuotedValues) {
  const auto elements = parse_forwarded(
      R"(for=192.0.2.60;proto=HTTPS;by=203.0.113.43, for="[2001:db8:cafe::17]:4711";host="a.b")");
  ASSERT_TRUE(elements);
  ASSERT_EQ(elements->size(), 2u);
  EXPECT_EQ((*elements)[0].for_node, "192.0.2.60");
  EXPECT_EQ((*elements)[0].proto, "https");
  EXPECT_EQ((*elements)[1].for_node, "[2001:db8:cafe::17]:4711");
  EXPECT_EQ((*elements)[1].proto, "");
}

TEST(ForwardedTest, TakesCaseInsensitiveNamesEmptyElementsSpacesAroundSemicolonsAndEscapes) {
  const auto elements = parse_forwarded(R"( , For="_a\"b" ; PROTO=http ,, for=unknown ,)");
  ASSERT_TRUE(elements);
  ASSERT_EQ(elements->size(), 2u);
  EXPECT_EQ((*elements)[0].for_node, "_a\"b");
  EXPECT_EQ((*elements)[0].proto, "http");
  EXPECT_EQ((*elements)[1].for_node, "unknown");
  EXPECT_TRUE(parse_forwarded("")->empty());
}

TEST(ForwardedTest, RefusesWhatBreaksTheGrammar) {
  for (const char* text : {
           "for=192.0.2.60:80",          // a colon must be quoted
           "for=[2001:db8::1]",          // brackets too
           "for=\"192.0.2.60",           // unclosed quote
           "for=",                       // no value
           "=1.2.3.4",                   // no name
           "for =1.2.3.4",               // no space before "="
           "for= 1.2.3.4",               // nor after
           "for=1.2.3.4 proto=https",    // pairs need ";"
           "for=1.2.3.4;for=5.6.7.8",    // a parameter twice in one element
           "proto=https;PROTO=http",     // names are case-insensitive, so twice too
           "for=\"1.2.3.4\x01\"",        // a control character
           "for=1.2.3.4,proto=https\"",  // a stray quote
       }) {
    EXPECT_FALSE(parse_forwarded(text)) << text;
  }
}

TEST(NodeAddressTest, DropsPortsAndRefusesUnknownAndObfuscatedNodes) {
  EXPECT_EQ(node_address("192.0.2.60")->text(), "192.0.2.60");
  EXPECT_EQ(node_address("192.0.2.60:47011")->text(), "192.0.2.60");
  EXPECT_EQ(node_address("192.0.2.60:_abc")->text(), "192.0.2.60");
  EXPECT_EQ(node_address("[2001:db8:cafe::17]")->text(), "2001:db8:cafe::17");
  EXPECT_EQ(node_address("[2001:db8:cafe::17]:4711")->text(), "2001:db8:cafe::17");
  EXPECT_EQ(node_address("2001:db8:cafe::17")->text(), "2001:db8:cafe::17");
  for (const char* node : {"unknown", "_hidden", "", "[192.0.2.60]", "[::1]:", "[::1]x",
                           "192.0.2.60:", "192.0.2.60:123456", "192.0.2.60:8a", "[::1"}) {
    EXPECT_FALSE(node_address(node)) << node;
  }
}

TEST(ClientOriginTest, AnUntrustedPeerIsTheClientWhateverItsHeadersSay) {
  const auto proxies = trust({"127.0.0.1"});
  const ClientOrigin origin = client_origin(
      "203.0.113.9", {"for=198.51.100.1;proto=https", "198.51.100.2", "https"}, proxies);
  EXPECT_EQ(origin.address, "203.0.113.9");
  EXPECT_FALSE(origin.https);
  // No proxy trusted at all: the same.
  EXPECT_FALSE(client_origin("127.0.0.1", {"", "", "https"}, TrustedProxies()).https);
}

TEST(ClientOriginTest, ATrustedProxyNamesTheClientAndItsProtocol) {
  const auto proxies = trust({"127.0.0.1"});
  ClientOrigin origin = client_origin("127.0.0.1", {"", "198.51.100.7", "https"}, proxies);
  EXPECT_EQ(origin.address, "198.51.100.7");
  EXPECT_TRUE(origin.https);

  origin = client_origin("127.0.0.1", {"for=\"[2001:db8::7]:51000\";proto=https", "", ""}, proxies);
  EXPECT_EQ(origin.address, "2001:db8::7");
  EXPECT_TRUE(origin.https);

  origin = client_origin("127.0.0.1", {"", "198.51.100.7", "http"}, proxies);
  EXPECT_FALSE(origin.https);
  origin = client_origin("127.0.0.1", {"", "198.51.100.7", "HTTPS"}, proxies);
  EXPECT_TRUE(origin.https);
}

TEST(ClientOriginTest, ATrustedPeerWithoutHeadersIsItselfOverHttp) {
  const ClientOrigin origin = client_origin("::ffff:127.0.0.1", {}, trust({"127.0.0.0/8"}));
  EXPECT_EQ(origin.address, "127.0.0.1");
  EXPECT_FALSE(origin.https);
}

TEST(ClientOriginTest, WhatAClientWroteBeforeTheProxyAppendedIsNotBelieved) {
  // nginx's $proxy_add_x_forwarded_for appends the peer to what the client sent.
  const auto proxies = trust({"127.0.0.1"});
  const ClientOrigin origin =
      client_origin("127.0.0.1", {"", "10.9.9.9, 127.0.0.1, 203.0.113.9", "https"}, proxies);
  EXPECT_EQ(origin.address, "203.0.113.9");
  EXPECT_TRUE(origin.https);
}

TEST(ClientOriginTest, WalksBackThroughTrustedProxiesToTheFirstOtherAddress) {
  // client -> TLS load balancer (10.0.0.5) -> nginx (127.0.0.1) -> taperlab
  const auto proxies = trust({"127.0.0.1", "10.0.0.0/24"});
  ClientOrigin origin = client_origin(
      "127.0.0.1",
      {"for=192.0.2.1;proto=https, for=198.51.100.3;proto=https, for=10.0.0.5;proto=http", "", ""},
      proxies);
  EXPECT_EQ(origin.address, "198.51.100.3");  // 192.0.2.1 is the client's own claim
  EXPECT_TRUE(origin.https);

  // X-Forwarded-Proto as a list pairs with X-Forwarded-For from the right.
  origin = client_origin("127.0.0.1", {"", "198.51.100.3, 10.0.0.5", "https, http"}, proxies);
  EXPECT_EQ(origin.address, "198.51.100.3");
  EXPECT_TRUE(origin.https);
}

TEST(ClientOriginTest, AnUnknownOrObfuscatedHopLeavesTheLastTrustedAddress) {
  const auto proxies = trust({"127.0.0.1"});
  ClientOrigin origin = client_origin("127.0.0.1", {"for=unknown;proto=https", "", ""}, proxies);
  EXPECT_EQ(origin.address, "127.0.0.1");
  EXPECT_TRUE(origin.https);  // the proxy still says how the client came
  origin = client_origin("127.0.0.1", {"", "_hidden", "http"}, proxies);
  EXPECT_EQ(origin.address, "127.0.0.1");
  EXPECT_FALSE(origin.https);
}

TEST(ClientOriginTest, AMalformedForwardedHeaderSaysNothing) {
  const ClientOrigin origin = client_origin(
      "127.0.0.1", {"for=198.51.100.7;proto=https;proto=https", "", ""}, trust({"127.0.0.1"}));
  EXPECT_EQ(origin.address, "127.0.0.1");
  EXPECT_FALSE(origin.https);
}

TEST(ClientOriginTest, XForwardedHeadersWinOverAForwardedHeaderAProxyPassedThrough) {
  // nginx and Caddy set X-Forwarded-* but pass a client's Forwarded header on unchanged.
  const ClientOrigin origin = client_origin(
      "127.0.0.1", {"for=10.1.1.1;proto=https", "203.0.113.9", "http"}, trust({"127.0.0.1"}));
  EXPECT_EQ(origin.address, "203.0.113.9");
  EXPECT_FALSE(origin.https);
}

TEST(ClientOriginTest, AProtocolWithoutAnAddressIsTheProxysWord) {
  const ClientOrigin origin = client_origin("127.0.0.1", {"", "", "https"}, trust({"127.0.0.1"}));
  EXPECT_EQ(origin.address, "127.0.0.1");
  EXPECT_TRUE(origin.https);
}

TEST(StrictTransportSecurityTest, NamesTheMaxAge) {
  EXPECT_EQ(strict_transport_security(31'536'000), "max-age=31536000");
}

}  // namespace
}  // namespace taperlab::server
