import { Injectable } from '@nestjs/common';
import type { SecurityGroupEvent, SecurityGroupState } from '@sg/domain';
import { SecurityGroupAggregate } from '../../aggregates/aggregates';
import { SnapshotCache } from '../../aggregates/snapshot-cache';

/**
 * The security groups this process read lately, each at the version it last saw: every command
 * that loads a group (its own changes, and an instance's registration or deletion, which append
 * to the VPC's default group) reads only the events appended since.
 */
@Injectable()
export class GroupSnapshots extends SnapshotCache<SecurityGroupState, SecurityGroupEvent> {
  constructor() {
    super(SecurityGroupAggregate);
  }
}
