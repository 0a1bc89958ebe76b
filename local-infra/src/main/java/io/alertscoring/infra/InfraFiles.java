package io.alertscoring.infra;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;

/** File helpers shared by the servers (package private). */
final class InfraFiles {

  private InfraFiles() {}

  /** Recursively deletes {@code dir}; missing files are ignored. */
  static void deleteRecursively(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
            if (exc instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw exc;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
            if (exc != null && !(exc instanceof NoSuchFileException)) {
              throw exc;
            }
            Files.deleteIfExists(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * Last {@code maxLines} lines of a text file (only its last 64 KiB are read), or a note that it
   * is missing, empty or unreadable.
   */
  static String tail(Path file, int maxLines) {
    if (file == null || !Files.isRegularFile(file)) {
      return "<" + file + " does not exist>";
    }
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      long size = channel.size();
      int toRead = (int) Math.min(size, 64 * 1024);
      ByteBuffer buffer = ByteBuffer.allocate(toRead);
      channel.position(size - toRead);
      while (buffer.hasRemaining() && channel.read(buffer) > 0) {
        // keep reading
      }
      String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
      Deque<String> last = new ArrayDeque<>();
      for (String line : text.split("\\R")) {
        last.addLast(line);
        if (last.size() > maxLines) {
          last.removeFirst();
        }
      }
      String joined = String.join(System.lineSeparator(), last).strip();
      return joined.isEmpty() ? "<" + file + " is empty>" : joined;
    } catch (IOException | RuntimeException e) {
      return "<could not read " + file + ": " + e + ">";
    }
  }
}
