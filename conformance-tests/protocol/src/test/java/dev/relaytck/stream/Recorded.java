package dev.relaytck.stream;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A real recorded stream (src/test/resources/recordings, see its README) as a list of event
 * blocks, so tests can drop, reorder, duplicate or rewrite events the way a broken relay would.
 */
final class Recorded {
  final List<String> blocks;

  private Recorded(List<String> blocks) {
    this.blocks = new ArrayList<>(blocks);
  }

  static byte[] bytes(String name) {
    try (InputStream in = Recorded.class.getResourceAsStream("/recordings/" + name)) {
      if (in == null) throw new IllegalArgumentException("no test recording " + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Recorded load(String name) {
    String text = new String(bytes(name), UTF_8);
    return new Recorded(Arrays.stream(text.split("\n\n")).filter(b -> !b.isBlank()).toList());
  }

  int indexOf(String needle) {
    for (int i = 0; i < blocks.size(); i++) {
      if (blocks.get(i).contains(needle)) return i;
    }
    throw new IllegalArgumentException("no event contains " + needle);
  }

  int lastIndexOf(String needle) {
    for (int i = blocks.size() - 1; i >= 0; i--) {
      if (blocks.get(i).contains(needle)) return i;
    }
    throw new IllegalArgumentException("no event contains " + needle);
  }

  Recorded remove(int i) {
    blocks.remove(i);
    return this;
  }

  Recorded insert(int i, String block) {
    blocks.add(i, block);
    return this;
  }

  Recorded swap(int i, int j) {
    String a = blocks.get(i);
    blocks.set(i, blocks.get(j));
    blocks.set(j, a);
    return this;
  }

  Recorded edit(int i, UnaryOperator<String> f) {
    blocks.set(i, f.apply(blocks.get(i)));
    return this;
  }

  Recorded editAll(UnaryOperator<String> f) {
    blocks.replaceAll(f);
    return this;
  }

  /** Byte offset at which block {@code i} starts in {@link #text()}. */
  long offsetOf(int i) {
    long offset = 0;
    for (int k = 0; k < i; k++) offset += blocks.get(k).getBytes(UTF_8).length + 2;
    return offset;
  }

  String text() {
    return String.join("\n\n", blocks) + "\n\n";
  }

  byte[] bytes() {
    return text().getBytes(UTF_8);
  }
}
