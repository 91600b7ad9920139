package org.geohazard.api.exports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.geohazard.api.Times;
import org.geohazard.api.problem.ApiException;

/**
 * The time an export covers: a year, or a month of it, from its first day 00:00 to the next in China Standard Time
 * ([from, to)), for the datasets of records (events, patrols, warnings); none for the register of points, which is
 * exported as it stands on the day. The label names it in the file's name.
 */
record ExportPeriod(Instant from, Instant to, String label) {
  static ExportPeriod of(Dataset dataset, int year, int month, Instant now) {
    if (!dataset.yearly()) {
      if (year != 0 || month != 0) {
        throw ApiException.invalid("invalid-request", "The request does not match the API contract",
            "'year' and 'month' do not apply to " + dataset.name() + ": the register is exported as it stands");
      }
      return new ExportPeriod(null, null, LocalDate.ofInstant(now, Times.CHINA).toString());
    }
    if (year == 0) {
      throw ApiException.invalid("year-required", "A year is required",
          "'year' is required for " + dataset.name() + ": records are exported a year (or a month) at a time");
    }
    OffsetDateTime start = OffsetDateTime.of(year, month == 0 ? 1 : month, 1, 0, 0, 0, 0, Times.CHINA);
    OffsetDateTime end = month == 0 ? start.plusYears(1) : start.plusMonths(1);
    return new ExportPeriod(start.toInstant(), end.toInstant(),
        month == 0 ? Integer.toString(year) : "%d-%02d".formatted(year, month));
  }
}
