package org.geohazard.domain;

/** What a person does with the system. A role is held within a scope: a county or a hazard point. */
public enum Role {
  RESIDENT, MONITOR, RESPONSIBLE_PERSON, DUTY_OFFICER, LEADER, ADMIN
}
