package io.ginpreflight.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.model.Attribution;
import io.ginpreflight.model.RequestPart;
import io.ginpreflight.plan.AttributionSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BisectionTest {

  /** Every group driven alone reads its true bytes per request, with this standard error. */
  private static final double ERROR = 10;

  private static List<RequestPart> parts(int count) {
    return IntStream.range(0, count).mapToObj(i -> RequestPart.request("r" + i, "GET", "/r/" + i, 1)).toList();
  }

  /** Runs the search against what each request truly keeps per request; the groups it drove, in order. */
  private static List<Bisection.Group> search(Bisection bisection, double[] keeps, int maxRounds) {
    List<Bisection.Group> driven = new ArrayList<>();
    for (int round = 0; round < maxRounds; round++) {
      Optional<Bisection.Group> next = bisection.next();
      if (next.isEmpty()) {
        break;
      }
      Bisection.Group group = next.get();
      double rate = IntStream.range(group.from(), group.to()).mapToDouble(i -> keeps[i]).sum() / group.size();
      bisection.measured(group, new Bisection.Reading(rate, rate - LineFit.Z95 * ERROR, rate + LineFit.Z95 * ERROR,
          rate - LineFit.Z_KO * ERROR > 0));
      driven.add(group);
    }
    return driven;
  }

  private static double family(double[] keeps) {
    return java.util.Arrays.stream(keeps).sum();
  }

  @Test
  void oneRequestOfEighteenIsFoundByHalvingAndNamedAlone() {
    // GIVEN 18 requests a journey, the 12th keeping 600 B each time
    double[] keeps = new double[18];
    keeps[11] = 600;
    Bisection bisection = new Bisection(parts(18), family(keeps));

    List<Bisection.Group> driven = search(bisection, keeps, 100);

    assertEquals(Attribution.Outcome.LOCATED, bisection.outcome());
    assertEquals(List.of(new Bisection.Group(11, 12)), bisection.leaves().stream().filter(bisection::holds).toList());
    // within the rounds the plan lays out for 18 requests, and fewer than one per request
    assertTrue(driven.size() <= new AttributionSettings(Optional.of(Duration.ofMinutes(2))).roundsFor(18),
        driven.toString());
    assertEquals(new Bisection.Group(0, 9), driven.get(0));
  }

  @Test
  void aHalfThatKeepsNothingSendsTheSearchToTheOtherHalfWithoutARoundOfItsOwn() {
    double[] keeps = new double[16];
    keeps[13] = 400;
    Bisection bisection = new Bisection(parts(16), family(keeps));

    List<Bisection.Group> driven = search(bisection, keeps, 100);

    // the first half keeps nothing, so [8, 16) is halved at once: its own round is never run
    assertTrue(driven.stream().noneMatch(g -> g.equals(new Bisection.Group(8, 16))), driven.toString());
    assertEquals(new Bisection.Group(8, 12), driven.get(1));
    assertEquals(Attribution.Outcome.LOCATED, bisection.outcome());
  }

  @Test
  void everyRequestKeepingAlikeEndsWithFourGroupsThatKeepAlike() {
    double[] keeps = new double[18];
    java.util.Arrays.fill(keeps, 130);
    Bisection bisection = new Bisection(parts(18), family(keeps));

    List<Bisection.Group> driven = search(bisection, keeps, 100);

    assertEquals(Attribution.Outcome.EVERY_REQUEST, bisection.outcome());
    assertEquals(6, driven.size(), driven.toString());
    assertEquals(4, bisection.leaves().size());
  }

  @Test
  void aHandfulAllKeepingAlikeIsEveryRequestOnceEachWasDrivenWithoutAskingForMore() {
    double[] keeps = {480, 560, 530, 490, 570, 520};
    Bisection bisection = new Bisection(parts(6), family(keeps));

    search(bisection, keeps, 6);

    // the rounds laid out for six requests are spent: the outcome is read without another next()
    assertEquals(Attribution.Outcome.EVERY_REQUEST, bisection.outcome());
  }

  @Test
  void twoRequestsInDifferentHalvesAreBothNamed() {
    double[] keeps = new double[12];
    keeps[2] = 300;
    keeps[9] = 900;
    Bisection bisection = new Bisection(parts(12), family(keeps));

    search(bisection, keeps, 100);

    assertEquals(Attribution.Outcome.LOCATED, bisection.outcome());
    assertEquals(List.of(new Bisection.Group(2, 3), new Bisection.Group(9, 10)),
        bisection.leaves().stream().filter(bisection::holds).toList());
  }

  @Test
  void aHandfulIsDrivenOneByOne() {
    double[] keeps = {0, 0, 0, 250, 0};
    Bisection bisection = new Bisection(parts(5), family(keeps));

    List<Bisection.Group> driven = search(bisection, keeps, 100);

    assertEquals(5, driven.size());
    assertEquals(Attribution.Outcome.LOCATED, bisection.outcome());
    assertEquals(List.of(new Bisection.Group(3, 4)), bisection.leaves().stream().filter(bisection::holds).toList());
  }

  @Test
  void nothingKeptAloneIsSaidAsNotLocated() {
    // GIVEN a family that kept 200 B a journey, but no request keeps anything when driven alone
    double[] keeps = new double[4];
    Bisection bisection = new Bisection(parts(4), 200);

    search(bisection, keeps, 100);

    assertEquals(Attribution.Outcome.NOT_LOCATED, bisection.outcome());
  }

  @Test
  void roundsRunningOutLeaveTheSearchUnfinished() {
    double[] keeps = new double[18];
    keeps[5] = 600;
    Bisection bisection = new Bisection(parts(18), family(keeps));

    search(bisection, keeps, 2);

    assertEquals(Attribution.Outcome.UNFINISHED, bisection.outcome());
  }

  @Test
  void halvesAreBalancedByWhatAJourneySendsOfEach() {
    // GIVEN a first request sent five times a journey, then five sent once
    List<RequestPart> parts = new ArrayList<>(List.of(RequestPart.request("five", "POST", "/e", 5)));
    parts.addAll(parts(5));
    Bisection bisection = new Bisection(parts, 100);

    // a handful is driven one by one; seven or more are halved by weight
    assertEquals(new Bisection.Group(0, 1), bisection.next().orElseThrow());
    List<RequestPart> more = new ArrayList<>(List.of(RequestPart.request("five", "POST", "/e", 5)));
    more.addAll(parts(6));
    assertEquals(new Bisection.Group(0, 1), new Bisection(more, 100).next().orElseThrow());
  }
}
