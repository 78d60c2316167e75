package io.ginpreflight.report;

import io.ginpreflight.model.AttributedGroup;
import io.ginpreflight.model.Attribution;
import io.ginpreflight.model.CheckKind;
import java.util.Locale;

/**
 * The table under a KO check whose family's requests were driven apart: every group driven alone, in the order
 * its round ran, with its requests, their methods and paths, how many were sent, what one of them kept and its
 * 95 % interval; then the groups known without a round of their own.
 */
final class AttributionHtml {

  static final String CSS = """
      table.attribution{font-size:12px;margin:6px 0}table.attribution td{vertical-align:top}
      table.attribution tr.retains td{background:#fff1dc}table.attribution ul{margin:0;padding-left:16px}
      """;

  private AttributionHtml() {}

  /** Empty when the check's requests were not driven apart. */
  static String table(Attribution attribution) {
    if (attribution == null) {
      return "";
    }
    CheckKind kind = attribution.kind();
    String unit = kind.isBytes() ? "per request" : "per 1,000 requests";
    StringBuilder html = new StringBuilder("<details open class=\"attribution\"><summary>Which requests kept it: ")
        .append(attribution.rounds()).append(attribution.rounds() == 1 ? " round" : " rounds")
        .append(" after the phase, one group of requests driven alone in each</summary><div class=\"scroll\">")
        .append("<table class=\"attribution\"><thead><tr><th>Requests</th><th>Method and path</th><th>Sent</th>")
        .append("<th>Rate ").append(unit).append("</th><th>95 % interval</th><th>What it shows</th>")
        .append("<th>Answered otherwise</th></tr></thead><tbody>");
    for (AttributedGroup group : attribution.groups()) {
      html.append("<tr").append(group.share() == AttributedGroup.Share.RETAINS ? " class=\"retains\"" : "")
          .append("><td>").append(list(group.requests())).append("</td><td><code>").append(list(group.endpoints()))
          .append("</code></td><td class=\"num\">").append(group.sent() == 0 ? "–" : String.format(Locale.ROOT, "%,d",
              group.sent())).append("</td><td class=\"num\">")
          .append(group.rate() == null ? "–" : Html.esc(kind.format(group.rate()))).append("</td><td class=\"num\">")
          .append(group.interval() == null ? "–" : Html.esc(kind.format(group.interval().low()) + " to "
              + kind.format(group.interval().high())))
          .append("</td><td>").append(Html.esc(shows(group.share()))).append("</td><td class=\"num\">")
          .append(group.answeredOtherwise() == 0 ? "" : group.answeredOtherwise()).append("</td></tr>");
    }
    return html.append("</tbody></table></div></details>").toString();
  }

  private static String shows(AttributedGroup.Share share) {
    return switch (share) {
      case RETAINS -> "keeps it";
      case NONE_SHOWN -> "nothing beyond its uncertainty";
      case INFERRED -> "holds the rest: the other half kept less than half";
      case NOT_DRIVEN -> "not driven alone (the rounds ran out)";
    };
  }

  private static String list(java.util.List<String> items) {
    if (items.size() == 1) {
      return Html.esc(items.get(0));
    }
    StringBuilder html = new StringBuilder("<ul>");
    items.forEach(item -> html.append("<li>").append(Html.esc(item)).append("</li>"));
    return html.append("</ul>").toString();
  }
}
