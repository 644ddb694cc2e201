package dev.relaytck.recordings.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IP connect() calls in an strace log ({@code strace -f -e trace=connect}), split into loopback
 * and everything else. A DNS lookup shows up as a connect to the resolver's port 53, so an attempt
 * to resolve a public host name is caught even when it fails.
 */
public record ConnectTrace(boolean traced, List<String> leftLoopback) {

  private static final Pattern INET = Pattern.compile(
      "connect\\(\\d+, \\{sa_family=AF_INET6?, sin6?_port=htons\\((\\d+)\\),.*?(?:inet_addr\\(\"([^\"]+)\"\\)|inet_pton\\(AF_INET6, \"([^\"]+)\")");

  public static ConnectTrace read(Path log) throws IOException {
    if (log == null || !Files.exists(log)) {
      return new ConnectTrace(false, List.of());
    }
    return parse(Files.readAllLines(log));
  }

  static ConnectTrace parse(List<String> lines) {
    List<String> remote = new ArrayList<>();
    for (String line : lines) {
      Matcher connect = INET.matcher(line);
      if (connect.find()) {
        String address = connect.group(2) != null ? connect.group(2) : connect.group(3);
        if (!isLoopback(address)) {
          remote.add(address + ":" + connect.group(1));
        }
      }
    }
    return new ConnectTrace(true, List.copyOf(remote));
  }

  static boolean isLoopback(String address) {
    return address.startsWith("127.") || address.equals("::1") || address.startsWith("::ffff:127.");
  }
}
