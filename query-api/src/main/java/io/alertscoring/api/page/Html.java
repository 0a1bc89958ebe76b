package io.alertscoring.api.page;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The page's HTML builder: text and attribute values are always escaped, markup is only ever a
 * literal of this package. The page writes strings instead of using a template engine: a handful of
 * fragments do not pay for a dependency and its own escaping rules, and one builder means one place
 * where escaping happens.
 */
final class Html {

  private final StringBuilder out = new StringBuilder(4096);

  /**
   * {@code &}, {@code <}, {@code >}, {@code "} and {@code '} as entities: safe in text and in a
   * quoted attribute value.
   */
  static String escape(Object value) {
    String s = String.valueOf(value);
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String entity =
          switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
          };
      if (entity != null && b == null) {
        b = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (b != null) {
        if (entity != null) {
          b.append(entity);
        } else {
          b.append(c);
        }
      }
    }
    return b == null ? s : b.toString();
  }

  /** A URL query value or path segment, percent-encoded (spaces as %20). */
  static String urlPart(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A path with a query string of the non-null parameters, each percent-encoded. */
  static String url(String path, Map<String, String> query) {
    StringBuilder b = new StringBuilder(path);
    char sep = '?';
    for (Map.Entry<String, String> e : query.entrySet()) {
      if (e.getValue() != null && !e.getValue().isEmpty()) {
        b.append(sep).append(urlPart(e.getKey())).append('=').append(urlPart(e.getValue()));
        sep = '&';
      }
    }
    return b.toString();
  }

  /** Parameters in the order given. */
  static Map<String, String> params(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** Trusted markup, a literal of this package (never data). */
  Html raw(String markup) {
    out.append(markup);
    return this;
  }

  /** Text, escaped. */
  Html text(Object value) {
    out.append(escape(value));
    return this;
  }

  /**
   * An opening tag with attributes, values escaped; a null value drops the attribute, an empty one
   * writes it bare ({@code selected}).
   */
  Html open(String tag, String... attributes) {
    out.append('<').append(tag);
    for (int i = 0; i + 1 < attributes.length; i += 2) {
      String value = attributes[i + 1];
      if (value == null) {
        continue;
      }
      out.append(' ').append(attributes[i]);
      if (!value.isEmpty()) {
        out.append("=\"").append(escape(value)).append('"');
      }
    }
    out.append('>');
    return this;
  }

  Html close(String tag) {
    out.append("</").append(tag).append('>');
    return this;
  }

  /** An element holding escaped text. */
  Html element(String tag, Object text, String... attributes) {
    return open(tag, attributes).text(text).close(tag);
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
