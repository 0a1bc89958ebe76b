package io.alertscoring.api.page;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

  @Test
  void escapes_the_five_characters_that_matter_in_text_and_quoted_attributes() {
    assertThat(Html.escape("<a href=\"x\" title='y'>&</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    assertThat(Html.escape("plain")).isEqualTo("plain");
  }

  @Test
  void attributes_and_text_are_escaped_and_null_attributes_dropped() {
    String html =
        new Html()
            .open("option", "value", "\"><script>", "selected", "", "hidden", null)
            .text("<b>")
            .close("option")
            .toString();
    assertThat(html)
        .isEqualTo("<option value=\"&quot;&gt;&lt;script&gt;\" selected>&lt;b&gt;</option>");
  }

  @Test
  void urls_encode_each_query_value_and_skip_empty_ones() {
    assertThat(
            Html.url("/page/alerts", Html.params("network", "eth main", "date", null, "t", "a&b")))
        .isEqualTo("/page/alerts?network=eth%20main&t=a%26b");
  }
}
