package dev.relaytck.recordings.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectTraceTests {

  @Test
  void loopbackConnectsAndUnixSocketsAreNotReported() {
    ConnectTrace trace = ConnectTrace.parse(List.of(
        "11453 connect(14, {sa_family=AF_INET, sin_port=htons(18431), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = -1 EINPROGRESS",
        "11460 connect(3, {sa_family=AF_UNIX, sun_path=\"/var/run/nscd/socket\"}, 110) = -1 ENOENT",
        "11461 connect(5, {sa_family=AF_INET6, sin6_port=htons(8080), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}, 28) = 0"));
    assertThat(trace.traced()).isTrue();
    assertThat(trace.leftLoopback()).isEmpty();
  }

  @Test
  void aDnsLookupOrRemoteConnectIsReportedWithAddressAndPort() {
    // Lines as strace printed them when Claude Code ran without CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC.
    ConnectTrace trace = ConnectTrace.parse(List.of(
        "11852 connect(11, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr(\"10.255.255.53\")}, 16) = -1 ENETUNREACH (Network is unreachable)",
        "11900 connect(7, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"2607:6bc0::10\", &sin6_addr), sin6_scope_id=0}, 28) = -1 ENETUNREACH"));
    assertThat(trace.leftLoopback()).containsExactly("10.255.255.53:53", "2607:6bc0::10:443");
  }
}
