package org.geohazard.telemetry.rollup;

import static org.geohazard.registry.testing.DatabaseFixture.count;
import static org.geohazard.registry.testing.DatabaseFixture.sensorId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.geohazard.registry.testing.DatabaseFixture;
import org.geohazard.storage.Database;
import org.geohazard.storage.testing.TestDatabases;
import org.geohazard.telemetry.batch.BatchWriter;
import org.geohazard.telemetry.batch.IngestBatch;
import org.geohazard.telemetry.batch.ReadingRow;
import org.geohazard.telemetry.query.BucketStats;
import org.geohazard.telemetry.query.ReadingQueries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class RollupTest {
  private static final Instant T0 = Instant.parse("2025-07-01T00:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration DAY = Duration.ofDays(1);

  private Vertx vertx;
  private Database database;
  private ReadingQueries queries;
  private int crack;
  private int rain;
  private final List<ReadingRow> written = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    database = DatabaseFixture.migratedWithRegistry(vertx, TestDatabases.freshDatabase());
    queries = new ReadingQueries(database);
    crack = sensorId(database, "LF-T1", "crack_width");
    rain = sensorId(database, "RG-T1", "rainfall");
  }

  @AfterEach
  void stop() {
    database.close();
    vertx.close().await();
  }

  @Test
  void refreshedBucketsEqualTheRawAggregationWithoutOutOfRangeValues() throws Exception {
    writeThreeDays();

    List<RefreshRound> rounds = catchUp(new RollupRefresher(database.dataSource()));

    assertEquals(1, rounds.size());
    assertEquals(written.size(), rounds.get(0).readings());
    assertEquals(expected(crack, HOUR).size() + expected(rain, HOUR).size(),
        count(database, "SELECT count(*) FROM reading_hourly_rollup"));
    assertSameBuckets(expected(crack, HOUR), queries.bucketed(crack, T0, T0.plus(3, ChronoUnit.DAYS), HOUR).await());
    assertSameBuckets(expected(crack, DAY), queries.bucketed(crack, T0, T0.plus(3, ChronoUnit.DAYS), DAY).await());
    assertSameBuckets(expected(rain, HOUR), queries.bucketed(rain, T0, T0.plus(3, ChronoUnit.DAYS), HOUR).await());
    assertTrue(expected(crack, HOUR).stream().noneMatch(b -> b.bucket().equals(T0.plus(5, ChronoUnit.HOURS))),
        "an hour with only out-of-range values has no bucket");
  }

  @Test
  void lateReadingInAnOldBucketChangesThatBucketAfterTheNextRound() throws Exception {
    writeThreeDays();
    RollupRefresher refresher = new RollupRefresher(database.dataSource(), 10_000, Duration.ZERO);
    catchUp(refresher);
    Instant oldHour = T0.plus(26, ChronoUnit.HOURS);

    write(List.of(new ReadingRow(crack, oldHour.plusSeconds(30).toEpochMilli(), 500, 0, now())));
    BucketStats stale = hourAt(oldHour);
    RefreshRound round = refresher.refresh();

    assertNotEquals(500, stale.max(), "before the round the rolled-up bucket is served as it was");
    assertEquals(1, round.readings());
    assertEquals(500, hourAt(oldHour).max());
    assertSameBuckets(expected(crack, HOUR), queries.bucketed(crack, T0, T0.plus(3, ChronoUnit.DAYS), HOUR).await());
    assertSameBuckets(expected(crack, DAY), queries.bucketed(crack, T0, T0.plus(3, ChronoUnit.DAYS), DAY).await());
  }

  @Test
  void readingsNewerThanTheWatermarkAreIncludedThroughTheRawPart() throws Exception {
    writeThreeDays();
    RollupRefresher refresher = new RollupRefresher(database.dataSource());
    catchUp(refresher);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    List<ReadingRow> fresh = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      fresh.add(new ReadingRow(crack, now.plusSeconds(i).toEpochMilli(), 40 + i, 0, now()));
    }
    write(fresh);

    RefreshRound withinMargin = refresher.refresh();
    Instant later = now.plus(2, ChronoUnit.DAYS);

    assertEquals(0, withinMargin.readings(), "readings received within the margin wait for a later round");
    List<BucketStats> hourly = queries.bucketed(crack, T0, later, HOUR).await();
    assertSameBuckets(expected(crack, HOUR), hourly);
    assertEquals(44, hourly.get(hourly.size() - 1).last());
    assertSameBuckets(expected(crack, DAY), queries.bucketed(crack, T0, later, DAY).await());
  }

  @Test
  void largeBacklogIsRefreshedOverSeveralBoundedRoundsAndAnswersStayRightMeanwhile() throws Exception {
    // a backlog uploaded at once: 5,000 readings with one receive time
    long uploaded = T0.plus(10, ChronoUnit.DAYS).toEpochMilli();
    List<ReadingRow> backlog = new ArrayList<>();
    for (int minute = 0; minute < 2500; minute++) {
      long ts = T0.plusSeconds(minute * 60L).toEpochMilli();
      backlog.add(new ReadingRow(crack, ts, minute % 97, minute % 50 == 7 ? ReadingRow.OUT_OF_RANGE : 0, uploaded));
      backlog.add(new ReadingRow(rain, ts, minute % 13, 0, uploaded));
    }
    write(backlog);
    RollupRefresher refresher = new RollupRefresher(database.dataSource(), 1000, RollupRefresher.DEFAULT_MARGIN);

    RefreshRound first = refresher.refresh();
    RefreshRound second = refresher.refresh();
    List<BucketStats> midway = queries.bucketed(crack, T0, T0.plus(2, ChronoUnit.DAYS), HOUR).await();
    List<RefreshRound> rest = catchUp(refresher);

    assertEquals(1000, first.readings());
    assertFalse(first.caughtUp());
    assertEquals(1000, second.readings());
    assertSameBuckets(expected(crack, HOUR), midway);
    assertTrue(rest.stream().allMatch(r -> r.readings() <= 1000));
    assertEquals(5000, 2000 + rest.stream().mapToInt(RefreshRound::readings).sum());
    assertSameBuckets(expected(crack, HOUR), queries.bucketed(crack, T0, T0.plus(2, ChronoUnit.DAYS), HOUR).await());
    assertSameBuckets(expected(rain, DAY), queries.bucketed(rain, T0, T0.plus(2, ChronoUnit.DAYS), DAY).await());
  }

  @Test
  void aRefresherThatDoesNotGetTheLockSkipsTheRound() throws Exception {
    writeThreeDays();
    RollupRefresher refresher = new RollupRefresher(database.dataSource());
    RefreshRound skipped;
    try (Connection other = database.dataSource().getConnection()) {
      other.setAutoCommit(false);
      try (PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
        lock.setLong(1, RollupRefresher.LOCK_KEY);
        lock.execute();
      }
      skipped = refresher.refresh();
      other.commit();
    }

    assertFalse(skipped.locked());
    assertEquals(0, count(database, "SELECT count(*) FROM reading_hourly_rollup"));
    assertEquals(written.size(), refresher.refresh().readings());
  }

  @Test
  void twoRefreshersAtOnceDoNotDoubleAnything() throws Exception {
    writeThreeDays();
    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<RefreshRound>>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        RollupRefresher refresher = new RollupRefresher(database.dataSource(), 200, Duration.ZERO);
        runs.add(threads.submit(() -> {
          together.await();
          return catchUp(refresher);
        }));
      }
      int taken = 0;
      for (Future<List<RefreshRound>> run : runs) {
        taken += run.get().stream().mapToInt(RefreshRound::readings).sum();
      }

      assertEquals(written.size(), taken, "each reading was taken by exactly one round");
    } finally {
      threads.shutdownNow();
    }
    long inRange = written.stream().filter(r -> (r.flags() & ReadingRow.OUT_OF_RANGE) == 0).count();
    assertEquals(inRange, count(database, "SELECT sum(samples) FROM reading_hourly_rollup"));
    assertEquals(inRange, count(database, "SELECT sum(samples) FROM reading_daily_rollup"));
    assertSameBuckets(expected(crack, HOUR), queries.bucketed(crack, T0, T0.plus(3, ChronoUnit.DAYS), HOUR).await());
  }

  /** Three days of two sensors every 7 minutes, received 30 s later; every 13th value and hour 5 out of range. */
  private void writeThreeDays() throws Exception {
    Random random = new Random(42);
    List<ReadingRow> rows = new ArrayList<>();
    for (Instant ts = T0; ts.isBefore(T0.plus(3, ChronoUnit.DAYS)); ts = ts.plusSeconds(7 * 60)) {
      for (int sensor : new int[] {crack, rain}) {
        boolean outOfRange = rows.size() % 13 == 0
            || sensor == crack && ts.truncatedTo(ChronoUnit.HOURS).equals(T0.plus(5, ChronoUnit.HOURS));
        rows.add(new ReadingRow(sensor, ts.toEpochMilli(), outOfRange ? 9999 : random.nextGaussian() * 10,
            outOfRange ? ReadingRow.OUT_OF_RANGE : 0, ts.plusSeconds(30).toEpochMilli()));
      }
    }
    write(rows);
  }

  private void write(List<ReadingRow> rows) throws Exception {
    try (Connection c = database.dataSource().getConnection()) {
      new BatchWriter().write(c, new IngestBatch(rows, List.of(), List.of(), List.of(), List.of()));
    }
    written.addAll(rows);
  }

  private static List<RefreshRound> catchUp(RollupRefresher refresher) throws Exception {
    List<RefreshRound> rounds = new ArrayList<>();
    RefreshRound round;
    do {
      round = refresher.refresh();
      if (round.locked()) {
        rounds.add(round);
      }
    } while (!round.caughtUp());
    return rounds;
  }

  private BucketStats hourAt(Instant hour) {
    return queries.bucketed(crack, hour, hour.plus(HOUR), HOUR).await().get(0);
  }

  /** The oracle: buckets computed here from what was written. */
  private List<BucketStats> expected(int sensor, Duration width) {
    long w = width.toMillis();
    TreeMap<Long, List<ReadingRow>> buckets = new TreeMap<>();
    for (ReadingRow row : written) {
      if (row.sensorId() == sensor && (row.flags() & ReadingRow.OUT_OF_RANGE) == 0) {
        buckets.computeIfAbsent(Math.floorDiv(row.tsMillis(), w) * w, k -> new ArrayList<>()).add(row);
      }
    }
    List<BucketStats> stats = new ArrayList<>();
    buckets.forEach((start, rows) -> {
      ReadingRow last = rows.stream().max(Comparator.comparingLong(ReadingRow::tsMillis)).orElseThrow();
      stats.add(new BucketStats(Instant.ofEpochMilli(start),
          rows.stream().mapToDouble(ReadingRow::value).min().orElseThrow(),
          rows.stream().mapToDouble(ReadingRow::value).max().orElseThrow(),
          rows.stream().mapToDouble(ReadingRow::value).average().orElseThrow(), last.value(), rows.size()));
    });
    return stats;
  }

  private static void assertSameBuckets(List<BucketStats> expected, List<BucketStats> actual) {
    assertEquals(expected.stream().map(BucketStats::bucket).toList(),
        actual.stream().map(BucketStats::bucket).toList());
    for (int i = 0; i < expected.size(); i++) {
      BucketStats e = expected.get(i);
      BucketStats a = actual.get(i);
      String at = " at " + e.bucket();
      assertEquals(e.min(), a.min(), "min" + at);
      assertEquals(e.max(), a.max(), "max" + at);
      assertEquals(e.avg(), a.avg(), 1e-9, "avg" + at);
      assertEquals(e.last(), a.last(), "last" + at);
      assertEquals(e.samples(), a.samples(), "samples" + at);
    }
  }

  private static long now() {
    return Instant.now().toEpochMilli();
  }
}
