package io.alertscoring.launcher.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.input.SotRecord;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Line splitting cuts exactly where BufferedReader.readLine does (for '\n' and "\r\n" files). */
class GeneratedLinesSourceTest {

  static List<String> split(String text, int bufferSize) throws Exception {
    List<String> lines = new ArrayList<>();
    List<Long> numbers = new ArrayList<>();
    GeneratedLinesSource.split(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        new byte[bufferSize],
        RecordKind.ALERT,
        "f",
        new LineSource.Visitor() {
          @Override
          public void line(
              RecordKind kind, byte[] buf, int off, int len, String file, long number) {
            lines.add(new String(buf, off, len, StandardCharsets.UTF_8));
            numbers.add(number);
          }

          @Override
          public void record(SotRecord record) {}

          @Override
          public void bad(String origin, String reason) {}
        });
    for (int i = 0; i < numbers.size(); i++) {
      assertThat(numbers.get(i)).isEqualTo(i + 1L);
    }
    return lines;
  }

  static List<String> readLines(String text) throws Exception {
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new StringReader(text))) {
      String l;
      while ((l = r.readLine()) != null) {
        lines.add(l);
      }
    }
    return lines;
  }

  @Test
  void cutsLikeReadLine() throws Exception {
    List<String> texts =
        List.of(
            "",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "\n\nx\n\n",
            "{\"k\":\"\u00e9\u4e2d\"}\n" + "y".repeat(100) + "\n" + "z".repeat(37));
    for (String t : texts) {
      for (int size : new int[] {1, 3, 8, 16, 1 << 16}) {
        assertThat(split(t, size)).as("%s / %d", t, size).isEqualTo(readLines(t));
      }
    }
  }

  @Test
  void randomTextsAcrossBufferBoundaries() throws Exception {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      StringBuilder sb = new StringBuilder();
      int n = random.nextInt(400);
      for (int i = 0; i < n; i++) {
        int c = random.nextInt(10);
        sb.append(c == 0 ? '\n' : c == 1 ? '\r' : (char) ('a' + c));
      }
      String t = sb.toString().replace("\r", "\r\n");
      assertThat(split(t, 1 + random.nextInt(64))).isEqualTo(readLines(t));
    }
  }

  @Test
  void newlineSearchMatchesAPlainScan() {
    Random random = new Random(7);
    for (int round = 0; round < 2000; round++) {
      byte[] b = new byte[random.nextInt(40)];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) (random.nextInt(4) == 0 ? '\n' : random.nextInt(256));
      }
      int from = b.length == 0 ? 0 : random.nextInt(b.length);
      int to = from + random.nextInt(b.length - from + 1);
      int expected = -1;
      for (int i = from; i < to; i++) {
        if (b[i] == '\n') {
          expected = i;
          break;
        }
      }
      assertThat(GeneratedLinesSource.newline(b, from, to)).isEqualTo(expected);
    }
  }
}
