import PlotonCore
import Testing

@Suite struct DestinationPolicyTests {
    @Test func addresses_parse_strictly_into_bytes() throws {
        #expect(IPAddress("192.168.1.20")?.bytes == [192, 168, 1, 20])
        #expect(IPAddress("::1")?.bytes == Array(repeating: 0, count: 15) + [1])
        #expect(IPAddress("[fe80::1%eth0]")?.bytes.prefix(2) == [0xfe, 0x80])
        #expect(IPAddress("::ffff:10.0.0.1")?.unmapped == IPAddress("10.0.0.1"))
        #expect(IPAddress("2001:db8::1")?.description == "2001:db8::1")
        for text in ["", "localhost", "127.1", "2130706433", "0x7f.0.0.1", "256.0.0.1", "1.2.3.4.5", "::1::", "1.2.3.4 ", "1.2.3.4\n"] {
            #expect(IPAddress(text) == nil, "\(text)")
        }
    }

    @Test func networks_contain_exactly_their_prefix() throws {
        let network = try #require(IPNetwork("10.1.0.0/17"))
        #expect(network.contains(try #require(IPAddress("10.1.127.255"))))
        #expect(!network.contains(try #require(IPAddress("10.1.128.0"))))
        #expect(!network.contains(try #require(IPAddress("::ffff:10.1.0.1"))), "IPv6 is never inside an IPv4 range")
        #expect(try #require(IPNetwork("0.0.0.0/0")).contains(try #require(IPAddress("8.8.8.8"))))
        #expect(try #require(IPNetwork("203.0.113.9")).contains(try #require(IPAddress("203.0.113.9"))))
        #expect(try !#require(IPNetwork("203.0.113.9")).contains(try #require(IPAddress("203.0.113.10"))))
        for text in ["10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/+8", "10.0.0.0/ 8", "10.0.0/8", "fd00::/x"] {
            #expect(IPNetwork(text) == nil, "\(text)")
        }
    }

    @Test(arguments: [
        ("0.0.0.0", "this-network"), ("10.2.3.4", "private"), ("100.64.0.1", "carrier-grade NAT"), ("127.0.0.1", "loopback"),
        ("127.255.255.254", "loopback"), ("169.254.169.254", "link-local"), ("172.16.0.1", "private"), ("172.31.255.255", "private"),
        ("192.0.0.170", "IETF protocol assignment"), ("192.0.2.1", "documentation"), ("192.168.1.1", "private"),
        ("198.18.0.1", "benchmarking"), ("198.19.255.255", "benchmarking"), ("224.0.0.251", "multicast"),
        ("239.255.255.250", "multicast"), ("240.0.0.1", "reserved"), ("255.255.255.255", "reserved"),
        ("::", "unspecified"), ("::1", "loopback"), ("::127.0.0.1", "IPv4-compatible"), ("::8.8.8.8", "IPv4-compatible"),
        ("::ffff:127.0.0.1", "loopback"), ("::ffff:169.254.169.254", "link-local"), ("::ffff:0:10.0.0.1", "IPv4-translated"),
        ("64:ff9b::7f00:1", "NAT64"), ("64:ff9b::808:808", "NAT64"), ("64:ff9b:1::1", "local NAT64"), ("100::1", "discard-only"),
        ("2001::1", "Teredo"), ("2001:2::1", "IETF protocol assignment"), ("2001:db8::1", "documentation"),
        ("2002:7f00:1::1", "6to4 of a loopback"), ("2002:a00:1::", "6to4 of a private"), ("2002:a9fe:a9fe::1", "6to4 of a link-local"),
        ("fc00::1", "unique local"), ("fd12:3456::1", "unique local"), ("fe80::1", "link-local"), ("febf::1", "link-local"),
        ("fec0::1", "site-local"), ("feff::1", "site-local"), ("ff02::1", "multicast"), ("1::1", "non-global IPv6"),
    ])
    func non_public_addresses_are_refused_with_what_they_are(address: String, reason: String) throws {
        #expect(DestinationPolicy.refusal(try #require(IPAddress(address))) == reason)
        #expect(!DestinationPolicy.allows(address))
    }

    @Test(arguments: [
        "8.8.8.8", "1.1.1.1", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0", "126.255.255.255", "128.0.0.0",
        "169.253.255.255", "172.15.255.255", "172.32.0.0", "192.0.1.1", "192.167.255.255", "192.169.0.0", "198.17.255.255",
        "198.20.0.0", "223.255.255.255", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "2002:808:808::1",
        "::ffff:8.8.8.8", "2001:4860:4860::8888",
    ])
    func public_addresses_are_allowed(address: String) throws {
        #expect(DestinationPolicy.refusal(try #require(IPAddress(address))) == nil)
        #expect(DestinationPolicy.allows(address))
    }

    @Test func text_that_is_not_an_address_is_never_allowed() {
        #expect(!DestinationPolicy.allows("example.com"))
        #expect(!DestinationPolicy.allows("8.8.8.8\n"))
    }
}
