package org.geohazard.domain;

/** Kinds of geological hazard a hazard point can be. */
public enum HazardType {
  LANDSLIDE, ROCKFALL, DEBRIS_FLOW, GROUND_SUBSIDENCE, GROUND_FISSURE, UNSTABLE_SLOPE
}
