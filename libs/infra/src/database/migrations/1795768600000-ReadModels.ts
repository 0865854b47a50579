import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read models written inline with the events (so requests read their own writes at once).
 * Every table here is rebuilt from the events alone by `npm run projections:rebuild`.
 */
export class ReadModels1795768600000 implements MigrationInterface {
  name = 'ReadModels1795768600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rm_vpcs (
        id text PRIMARY KEY,
        tenant text NOT NULL,
        name text NOT NULL,
        cidr text,
        default_security_group_id text NOT NULL,
        version int NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX rm_vpcs_tenant ON rm_vpcs (tenant, id);

      CREATE TABLE rm_security_groups (
        id text PRIMARY KEY,
        tenant text NOT NULL,
        vpc_id text NOT NULL,
        name text NOT NULL,
        description text NOT NULL,
        tags jsonb NOT NULL,
        is_default boolean NOT NULL,
        version int NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX rm_security_groups_tenant ON rm_security_groups (tenant, id);
      CREATE INDEX rm_security_groups_vpc ON rm_security_groups (vpc_id);
      CREATE INDEX rm_security_groups_tags ON rm_security_groups USING gin (tags);

      CREATE TABLE rm_security_group_rules (
        id text PRIMARY KEY,
        group_id text NOT NULL,
        ordinal int NOT NULL,
        direction text NOT NULL,
        protocol text NOT NULL,
        port_from int,
        port_to int,
        icmp_type int,
        icmp_code int,
        ip_version text NOT NULL,
        remote text,
        remote_group_id text,
        description text NOT NULL
      );
      CREATE INDEX rm_rules_group ON rm_security_group_rules (group_id, ordinal);
      CREATE INDEX rm_rules_remote_group ON rm_security_group_rules (remote_group_id) WHERE remote_group_id IS NOT NULL;

      CREATE TABLE rm_applied_instances (
        group_id text NOT NULL,
        instance_id text NOT NULL,
        ordinal int NOT NULL,
        PRIMARY KEY (group_id, instance_id)
      );
      CREATE INDEX rm_applied_instances_instance ON rm_applied_instances (instance_id);

      CREATE TABLE rm_applied_cidrs (
        group_id text NOT NULL,
        cidr text NOT NULL,
        ordinal int NOT NULL,
        PRIMARY KEY (group_id, cidr)
      );

      CREATE TABLE rm_instances (
        id text PRIMARY KEY,
        tenant text NOT NULL,
        vpc_id text NOT NULL,
        hypervisor_id text NOT NULL,
        name text NOT NULL,
        ipv4 text,
        ipv6 text,
        version int NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX rm_instances_tenant ON rm_instances (tenant, id);
      CREATE INDEX rm_instances_vpc ON rm_instances (vpc_id);
      CREATE INDEX rm_instances_hypervisor ON rm_instances (hypervisor_id);

      CREATE TABLE rm_hypervisors (
        id text PRIMARY KEY,
        agent_url text NOT NULL,
        version int NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );

      CREATE TABLE rm_operations (
        id text PRIMARY KEY,
        tenant text NOT NULL,
        type text NOT NULL,
        resource_type text NOT NULL,
        resource_id text NOT NULL,
        status text NOT NULL,
        state jsonb NOT NULL,
        version int NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX rm_operations_tenant ON rm_operations (tenant, id);
      CREATE INDEX rm_operations_resource ON rm_operations (resource_id, created_at DESC);
      CREATE INDEX rm_operations_status ON rm_operations (status, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rm_operations, rm_hypervisors, rm_instances, rm_applied_cidrs, rm_applied_instances, rm_security_group_rules, rm_security_groups, rm_vpcs`);
  }
}
