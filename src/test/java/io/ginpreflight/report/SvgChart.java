package io.ginpreflight.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.stream.Stream;

/**
 * One inline SVG line chart over time, drawn without scripts so that the page works offline and in any
 * mail or CI viewer: lines, shaded phase bands and vertical probe markers. Immutable: every method
 * returns a new chart.
 */
final class SvgChart {

  record Point(Instant at, double value) {}

  record Line(String name, String color, List<Point> points, boolean dots) {}

  record Band(String label, Instant from, Instant to, boolean judged) {}

  record Marker(String label, String title, Instant at) {}

  private static final int WIDTH = 960;
  private static final int HEIGHT = 280;
  private static final int LEFT = 84;
  private static final int RIGHT = 16;
  private static final int TOP = 34;
  private static final int BOTTOM = 34;
  private static final int Y_TICKS = 5;
  private static final int X_TICKS = 6;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private final String id;
  private final String title;
  private final DoubleFunction<String> yFormat;
  private final List<Line> lines;
  private final List<Band> bands;
  private final List<Marker> markers;
  private final boolean calendarAxis;

  private SvgChart(String id, String title, DoubleFunction<String> yFormat, List<Line> lines, List<Band> bands,
      List<Marker> markers, boolean calendarAxis) {
    this.id = id;
    this.title = title;
    this.yFormat = yFormat;
    this.lines = lines;
    this.bands = bands;
    this.markers = markers;
    this.calendarAxis = calendarAxis;
  }

  /** An empty chart; {@code id} becomes the svg element's id, {@code yFormat} labels the value axis. */
  static SvgChart of(String id, String title, DoubleFunction<String> yFormat) {
    return new SvgChart(id, title, yFormat, List.of(), List.of(), List.of(), false);
  }

  SvgChart line(String name, String color, List<Point> points) {
    return withLine(new Line(name, color, List.copyOf(points), points.size() < 40));
  }

  private SvgChart withLine(Line line) {
    if (line.points().isEmpty()) {
      return this;
    }
    List<Line> more = new ArrayList<>(lines);
    more.add(line);
    return new SvgChart(id, title, yFormat, List.copyOf(more), bands, markers, calendarAxis);
  }

  SvgChart bands(List<Band> phaseBands) {
    return new SvgChart(id, title, yFormat, lines, List.copyOf(phaseBands), markers, calendarAxis);
  }

  SvgChart markers(List<Marker> probeMarkers) {
    return new SvgChart(id, title, yFormat, lines, bands, List.copyOf(probeMarkers), calendarAxis);
  }

  /** Labels the time axis with dates (runs across nights) instead of time since the start. */
  SvgChart calendarAxis() {
    return new SvgChart(id, title, yFormat, lines, bands, markers, true);
  }

  String title() {
    return title;
  }

  boolean isEmpty() {
    return lines.isEmpty();
  }

  String render() {
    List<Instant> times = Stream.of(
            lines.stream().flatMap(l -> l.points().stream()).map(Point::at),
            bands.stream().flatMap(b -> Stream.of(b.from(), b.to())),
            markers.stream().map(Marker::at))
        .flatMap(s -> s).filter(t -> t != null).sorted().toList();
    Instant start = times.isEmpty() ? Instant.EPOCH : times.get(0);
    Instant end = times.isEmpty() ? start : times.get(times.size() - 1);
    double span = Math.max(1, Duration.between(start, end).toMillis());
    double[] range = valueRange();
    Axes axes = new Axes(start, span, range[0], range[1], range[2]);

    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"chart\" id=\"").append(Html.esc(id)).append("\" viewBox=\"0 0 ").append(WIDTH)
        .append(' ').append(HEIGHT).append("\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">");
    svg.append("<title>").append(Html.esc(title)).append("</title>");
    drawBands(svg, axes);
    drawGrid(svg, axes);
    drawMarkers(svg, axes);
    lines.forEach(line -> drawLine(svg, axes, line));
    drawLegend(svg);
    svg.append("</svg>");
    return svg.toString();
  }

  /**
   * Starts at zero unless the values sit far above it, where a zero base would flatten the growth; ends
   * on round steps (1, 2 or 5 times a power of ten, never below 1 for whole-number signals).
   */
  private double[] valueRange() {
    List<Double> values = lines.stream().flatMap(l -> l.points().stream()).map(Point::value).toList();
    double lo = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double hi = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
    if (lo >= 0 && (lo < hi / 2 || hi - lo < hi * 1e-3)) {
      lo = 0;
    }
    double step = niceStep(Math.max(hi - lo, Math.abs(hi) * 0.02) / Y_TICKS);
    if (values.stream().allMatch(v -> v == Math.rint(v))) {
      step = Math.max(1, Math.rint(step));
    }
    double bottom = Math.floor(lo / step) * step;
    double top = Math.max(bottom + step, Math.ceil(hi / step) * step);
    return new double[] {bottom, top, step};
  }

  private static double niceStep(double rough) {
    if (!(rough > 0)) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(rough)));
    double fraction = rough / power;
    return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
  }

  private record Axes(Instant start, double spanMillis, double lo, double hi, double step) {

    double x(Instant at) {
      double fraction = Duration.between(start, at).toMillis() / spanMillis;
      return LEFT + Math.max(0, Math.min(1, fraction)) * (WIDTH - LEFT - RIGHT);
    }

    double y(double value) {
      return TOP + (1 - (value - lo) / (hi - lo)) * (HEIGHT - TOP - BOTTOM);
    }
  }

  private void drawBands(StringBuilder svg, Axes axes) {
    for (Band band : bands) {
      if (band.from() == null || band.to() == null) {
        continue;
      }
      double x1 = axes.x(band.from());
      double x2 = axes.x(band.to());
      svg.append("<g class=\"band\"><title>").append(Html.esc(band.label())).append("</title>")
          .append("<rect class=\"").append(band.judged() ? "band-judged" : "band-warmup").append("\" x=\"")
          .append(f(x1)).append("\" y=\"").append(TOP).append("\" width=\"").append(f(Math.max(1, x2 - x1)))
          .append("\" height=\"").append(HEIGHT - TOP - BOTTOM).append("\"/>")
          .append("<text class=\"band-label\" x=\"").append(f(x1 + 4)).append("\" y=\"").append(TOP + 12)
          .append("\">").append(Html.esc(band.label())).append("</text></g>");
    }
  }

  private void drawGrid(StringBuilder svg, Axes axes) {
    for (int i = 0; i <= 2 * Y_TICKS && axes.lo() + i * axes.step() <= axes.hi() + axes.step() / 1000; i++) {
      double value = axes.lo() + i * axes.step();
      double y = axes.y(value);
      svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
          .append("\" y1=\"").append(f(y)).append("\" y2=\"").append(f(y)).append("\"/>")
          .append("<text class=\"tick\" text-anchor=\"end\" x=\"").append(LEFT - 6).append("\" y=\"")
          .append(f(y + 4)).append("\">").append(Html.esc(yFormat.apply(value))).append("</text>");
    }
    for (int i = 0; i <= X_TICKS; i++) {
      Instant at = axes.start().plusMillis(Math.round(axes.spanMillis() * i / X_TICKS));
      String label = calendarAxis ? DAY.format(at) : Html.elapsed(Duration.between(axes.start(), at));
      String anchor = i == 0 ? "start" : i == X_TICKS ? "end" : "middle";
      svg.append("<text class=\"tick\" text-anchor=\"").append(anchor).append("\" x=\"").append(f(axes.x(at))).append("\" y=\"")
          .append(HEIGHT - BOTTOM + 18).append("\">").append(Html.esc(label)).append("</text>");
    }
  }

  private void drawMarkers(StringBuilder svg, Axes axes) {
    for (Marker marker : markers) {
      if (marker.at() == null) {
        continue;
      }
      double x = axes.x(marker.at());
      svg.append("<g class=\"probe\"><title>").append(Html.esc(marker.title())).append("</title>")
          .append("<line class=\"probe-line\" x1=\"").append(f(x)).append("\" x2=\"").append(f(x))
          .append("\" y1=\"").append(TOP - 6).append("\" y2=\"").append(HEIGHT - BOTTOM).append("\"/>")
          .append("<text class=\"probe-label\" text-anchor=\"middle\" x=\"").append(f(x)).append("\" y=\"")
          .append(TOP - 9).append("\">").append(Html.esc(marker.label())).append("</text></g>");
    }
  }

  private void drawLine(StringBuilder svg, Axes axes, Line line) {
    svg.append("<g class=\"series\" data-series=\"").append(Html.esc(line.name())).append("\">");
    svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(Html.esc(line.color()))
        .append("\" points=\"");
    for (Point point : line.points()) {
      svg.append(f(axes.x(point.at()))).append(',').append(f(axes.y(point.value()))).append(' ');
    }
    svg.append("\"/>");
    if (line.dots()) {
      for (Point point : line.points()) {
        svg.append("<circle r=\"3.5\" fill=\"").append(Html.esc(line.color())).append("\" cx=\"")
            .append(f(axes.x(point.at()))).append("\" cy=\"").append(f(axes.y(point.value()))).append("\"><title>")
            .append(Html.esc(line.name() + ": " + yFormat.apply(point.value()))).append("</title></circle>");
      }
    }
    svg.append("</g>");
  }

  private void drawLegend(StringBuilder svg) {
    double x = LEFT;
    for (Line line : lines) {
      svg.append("<rect x=\"").append(f(x)).append("\" y=\"6\" width=\"12\" height=\"12\" fill=\"")
          .append(Html.esc(line.color())).append("\"/><text class=\"legend\" x=\"").append(f(x + 16))
          .append("\" y=\"16\">").append(Html.esc(line.name())).append("</text>");
      x += 36 + line.name().length() * 7.5;
    }
  }

  private static String f(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
