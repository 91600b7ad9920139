package org.geohazard.domain;

/** Life of a hazard point; delisted points stay in history. */
public enum PointStatus {
  ACTIVE, UNDER_TREATMENT, DELISTED
}
