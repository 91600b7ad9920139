package org.geohazard.api.exports;

import io.vertx.core.buffer.Buffer;
import java.util.List;

/** A file being written row by row, in one of the export's formats. */
interface ExportFile {
  /** Adds one record, a value per column in the dataset's order. */
  void row(List<Object> values);

  /** The whole file. */
  Buffer finish();

  /** Its media type, as the Content-Type header gives it. */
  String contentType();

  /** The file name's extension. */
  String extension();
}
