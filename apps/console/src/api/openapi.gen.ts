// Generated from the API's OpenAPI document by apps/console/scripts/generate-client.mjs: do not edit.
// `npm run console:client` regenerates it; the e2e tier fails while it differs from the API's /docs-json.

export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process is up */
        get: operations["healthLive"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness: Postgres, migrations and Redis
         * @description 503 when Postgres is unreachable or a migration is pending. Redis down is reported (status "degraded") but stays 200: the API keeps accepting changes, which propagate once Redis is back. Each check's `detail` (connection errors, pending migrations) only with an operator key; anyone else gets the statuses alone.
         */
        get: operations["healthReady"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics (text exposition format 0.0.4; an operator key)
         * @description Request durations by route template and status (`http_request_duration_seconds`), event appends (`sg_event_append_duration_seconds`, `sg_events_appended_total`), open notification streams, and the process's CPU, memory, heap, event-loop lag and GC. Operations, relay lag, queue depth and hypervisors out of sync are on the worker's /metrics.
         */
        get: operations["metrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/digests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed digests of the history, oldest first
         * @description Every few minutes (or every `AUDIT_DIGEST_MAX_EVENTS` events) the worker signs a digest of the events recorded since the last one: their positions and hashes in feed order and each touched stream's last hash, chained to the previous digest. One digest of scope `all` covers every event; one per tenant covers that tenant's events only. An operator reads any scope (`all` by default); a member reads its own tenant's (the default for it; another scope is a 400), which cover exactly what its export holds. Page with `after=<sequence of the last digest read>`. docs/audit.md explains how to verify an archive with them.
         */
        get: operations["listAuditDigests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who changed what: the events, filtered by actor, type, resource and time
         * @description The events that match every filter given, in commit order, each the same object as in `GET /v1/events`. A member searches its own tenant's events; an operator every tenant's. Paged as the feed is: follow `after=<position of the last event read>` (the `Next-After` header) and a reader never misses a matching event nor sees one twice; `Link: <...>; rel="next"` is set when the page was full. `from` is inclusive and `to` exclusive, both compared with the time the database stored the event (`recordedAt`). Bad values are a 400 naming each bad parameter.
         */
        get: operations["searchAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/public-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The public key the audit digests are signed with
         * @description Ed25519. Keep a copy apart from the archives: `npm run audit -- verify --public-key <file>` checks an archive against it offline.
         */
        get: operations["getAuditPublicKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The event feed in commit order
         * @description Every event in commit order. An operator reads every tenant's events (the global feed); a member reads the same feed limited to its own tenant's events. Follow it with `after=<position of the last event read>`: a reader that does so never misses an event and never sees one twice, even when transactions commit out of position order (an event is held back while an earlier transaction is still running, so the feed may lag a moment, never skip). `after` that names no event is 400. The body is a JSON array; the `Next-After` header carries the `after` of the next request (the position of the last event returned, or the given `after` when there was none), and `Link: <...>; rel="next"` is set when the page was full.
         */
        get: operations["readFeed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The event feed as NDJSON, for archiving; or as CloudEvents 1.0, for SIEMs
         * @description Every event in commit order. An operator reads every tenant's events (the global feed); a member reads the same feed limited to its own tenant's events. Follow it with `after=<position of the last event read>`: a reader that does so never misses an event and never sees one twice, even when transactions commit out of position order (an event is held back while an earlier transaction is still running, so the feed may lag a moment, never skip). `after` that names no event is 400. One event per line, from `after` to the end of the feed as it stood when the export was requested (events of transactions begun later are left for the next export). To continue an archive, pass the position of its last line as `after`. An export cut short by a failure ends with a broken connection, never with a clean end, so a partial file is not mistaken for a whole one. With `format=ndjson` (the default) each line is the same object as in `GET /v1/events`. With `format=cloudevents` each line is a CloudEvents 1.0 event in the JSON event format: `specversion` "1.0", `id` (the position, as a string), `source` (`/tenants/<tenant>/<resource kind>`), `type`, `subject` (the resource id), `time`, `datacontenttype` "application/json", `data`, and the extension attributes `streamversion`, `actor`, `tenant`, `requestid` and `idempotencykey` (the last two only when the request had one). To continue a CloudEvents archive, pass the `id` of its last line as `after`.
         */
        get: operations["exportFeed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/findings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List findings, newest first (paginated)
         * @description What the checks found risky in the security groups (SSH or RDP open to the world, a port range open to the world, a group applied to nothing, an instance with only its VPC's default group, a remote range reaching into the VPC from outside), each with its severity, when it opened and closed, and the event (actor, request id) that opened and closed it. Decided after every change, so they hold for every moment of history. A member sees its tenant's findings, an operator every tenant's. Filters combine (AND). Which checks run is FINDINGS_CHECKS (docs/audit.md).
         */
        get: operations["listFindings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hypervisors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List hypervisors with their desired and applied revisions and last contact (operator; paginated, by id) */
        get: operations["listHypervisors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hypervisors/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get one hypervisor with its revisions and last contact (operator) */
        get: operations["getHypervisor"];
        /** Register a hypervisor's agent, or change its URL: only the agent itself, with its own credential (`Authorization: Bearer <AGENT_TOKEN>`); an API key gets 403. The URL must be on the agent networks (AGENT_NETWORKS); loopback only when AGENT_URL_ALLOW_LOOPBACK. Repeating the same URL changes nothing. */
        put: operations["registerHypervisor"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hypervisors/{id}/resync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Push the hypervisor's full desired state again (an operator, or the agent itself with its own credential); follow the returned operation */
        post: operations["resyncHypervisor"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/instances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List instances (paginated, by id), optionally of one VPC or on one hypervisor; an unknown id in a filter matches nothing */
        get: operations["listInstances"];
        put?: never;
        /**
         * Register a VM on a hypervisor; the VPC's default group is applied to it
         * @description Unknown VPC (or another tenant's) or unknown hypervisor: 404 naming `vpcId` / `hypervisorId` in `errors`. An IPv4 address outside the VPC's CIDR is a 400; an address another instance of the VPC has is a 409 (conflict). The hypervisor is told through the returned operation.
         */
        post: operations["registerInstance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/instances/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an instance with every group that applies to it */
        get: operations["getInstance"];
        put?: never;
        post?: never;
        /**
         * Delete a VM: it is detached from every group applied to it, and its hypervisor drops the port
         * @description Accepts `If-Match`. Afterwards the instance is 404 and no group lists it.
         */
        delete: operations["deleteInstance"];
        options?: never;
        head?: never;
        /**
         * Move a VM to another hypervisor; both hypervisors are updated
         * @description The operation targets the old hypervisor (which drops the port) and the new one. Moving to the hypervisor it is on changes nothing; its operation succeeds at once. Unknown hypervisor: 404 naming `hypervisorId`. Accepts `If-Match`.
         */
        patch: operations["moveInstance"];
        trace?: never;
    };
    "/v1/instances/{id}/effective-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The rules enforced on an instance: the union of the rules of every group that applies to it
         * @description A JSON array of rules, each with the group it came from (`securityGroupId`, `securityGroupName`) and `remoteCidrs`: its remote, or for a remote group the host prefixes of that group's current members. Groups applied directly and through a CIDR attachment both count. Ordered by group id, then by the order of the rules within each group. Not paginated: the group and rule limits bound it.
         */
        get: operations["getEffectiveRules"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/instances/{id}/flow-check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Would this new connection be allowed? Checked against the instance's effective rules; writes nothing
         * @description Default deny: allowed only when at least one rule matches; `matchedRules` lists every rule that does, with its group.
         */
        post: operations["checkFlow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who the API key belongs to
         * @description The tenant and role of the key, the actor name its changes carry in the history, and the address `my-ip` stands for. A console shows it after sign-in.
         */
        get: operations["getPrincipal"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Operation status changes (and, when asked for with `kinds`, findings that opened), after a notification id, oldest first, for clients that poll */
        get: operations["listNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Server-Sent Events: one `event: operation` per status change of the caller's operations (and, with `kinds`, one `event: finding.opened` per finding that opens)
         * @description `id:` grows monotonically; reconnect with `Last-Event-ID` (or `?after=`) to get exactly what was missed. Without either, the stream starts with the next change. A comment line every 15 s keeps proxies from closing it.
         */
        get: operations["streamNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A ticket for the notification stream, for browsers
         * @description A browser's EventSource cannot send an Authorization header. Trade the API key for a ticket here and open `new EventSource(streamUrl)`: the ticket opens the caller's own stream (and no other endpoint) for 15 minutes, for reconnects with Last-Event-ID too; after that ask for a new one. A ticket of a key removed from the configuration opens nothing. Any body is ignored.
         */
        post: operations["issueStreamTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List operations, newest first (paginated)
         * @description A member sees its tenant's operations, an operator every tenant's. Filters combine (AND).
         */
        get: operations["listOperations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An operation: one accepted change on its way to the hypervisors
         * @description Poll it (or follow /v1/notifications/stream) until `status` is succeeded or failed. Another tenant's operation is 404.
         */
        get: operations["getOperation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operations/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Re-queue the failed targets of a failed operation (operator); 409 (conflict) unless it failed */
        post: operations["retryOperation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/queues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the worker's job queues with their job counts by state (operator)
         * @description Read straight from Redis on each call, for the Queues page of the console (/console/queues). 503 (unavailable) while Redis is unreachable.
         */
        get: operations["listQueues"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/queues/{name}/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a queue's jobs in one state, newest first (operator)
         * @description For finding out why hypervisors fall behind: `state=failed` shows each failed sync with the agent's error. Not paginated: BullMQ keeps the last 1000 completed and failed jobs.
         */
        get: operations["listQueueJobs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/quotas/{tenant}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A tenant's project quotas and usage
         * @description The quotas of the tenant's project VPC (the groups made through the Neutron face, or through /v1 in that VPC), the same as GET /v2.0/quotas/{project}. A member reads its own tenant's; an operator any.
         */
        get: operations["getQuotas"];
        /**
         * Set a tenant's project quotas (operator)
         * @description The values given replace the current ones; the others keep theirs. Lowering a quota below what is used is allowed: it only blocks growth. Independent of the per-VPC and per-group limits.
         */
        put: operations["setQuotas"];
        post?: never;
        /** Reset a tenant's project quotas to the defaults (operator): 10 groups, 100 rules */
        delete: operations["resetQuotas"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/security-groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List security groups (paginated, by id), optionally of one VPC or with one tag; or every group as it was at a time
         * @description With `at` (RFC 3339): every group of the tenant (an operator: of every tenant) as it stood at that instant, each replayed from its events exactly as `GET /v1/security-groups/{id}/history?at=` replays it (groups not yet created or already deleted then are left out), by id, in one unpaged answer; `vpcId` still filters, `tag`, `limit` and `cursor` do not apply.
         */
        get: operations["listSecurityGroups"];
        put?: never;
        /**
         * Create a security group, optionally with rules and applied at once
         * @description Answers 201 with the group, the operation that carries it to the hypervisors (it succeeds at once when it applies to no instance) and warnings. 404 for a VPC that is not yours (errors path vpcId); 409 conflict for a name already used in the VPC; 422 quota-exceeded past 100 groups per VPC, 5 groups per instance (counting groups applied through a CIDR) or 200 rules. An applied IPv4 CIDR must lie inside the VPC's IPv4 range (400 otherwise).
         */
        post: operations["createSecurityGroup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/security-groups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a security group with its rules and what it applies to */
        get: operations["getSecurityGroup"];
        put?: never;
        post?: never;
        /**
         * Delete a security group, detaching it everywhere
         * @description 409 group-has-rules while it has rules (the detail says how many: delete them first); 409 default-group-immutable for the default group (it goes with its VPC); 409 conflict while rules of another group name it as their remote. A group of a project VPC (the one the Neutron-compatible API keeps per project) follows Neutron instead: it is deleted with its rules, and the rules of other groups that name it as their remote are deleted with it, in one change and one operation.
         */
        delete: operations["deleteSecurityGroup"];
        options?: never;
        head?: never;
        /**
         * Rename, describe or tag a security group
         * @description Metadata reaches no hypervisor, so the answer is 200 with the group and no operation. 409 conflict for a name used by another group of the VPC; 409 default-group-immutable for renaming the default group (its description and tags may change).
         */
        patch: operations["updateSecurityGroup"];
        trace?: never;
    };
    "/v1/security-groups/{id}/applied-to": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set what a security group applies to (the lists become exactly these)
         * @description The console's "Apply Instances": instances and network segments not listed are detached; empty lists detach the group from everything. Instances must be of the group's VPC (400 otherwise; 404 for one that is unknown or not yours); an instance has at most 5 groups, counting those that reach it through a CIDR (422 quota-exceeded).
         */
        put: operations["setAppliedTo"];
        /**
         * Apply a security group to more instances or network segments
         * @description Entries the group already applies to are left as they are; give at least one. Instances must be of the group's VPC (400 otherwise; 404 for one that is unknown or not yours); an instance has at most 5 groups, counting those that reach it through a CIDR (422 quota-exceeded).
         */
        post: operations["addAppliedTo"];
        /**
         * Detach a security group from instances or network segments (JSON body)
         * @description Entries the group does not apply to are ignored, so a retried removal is harmless; give at least one.
         */
        delete: operations["removeAppliedTo"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/security-groups/{id}/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What each change did to a security group, and who made it
         * @description The group's events in version order, each with a readable difference: rules added and removed (a replaced rule is one removed and one added), instances and CIDRs attached and detached, the name, description and tags, and the actor and request id. Replayed from the events through the same logic every command decides on. `from` (inclusive) and `to` (exclusive) keep the changes recorded in that window (`recordedAt`). 404 for another tenant's group; a deleted group's changes stay readable.
         */
        get: operations["getGroupChanges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/security-groups/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The events of one security group, oldest first (its audit trail)
         * @description Every change ever made to the group, with who made it (`metadata.actor`), for which tenant, and under which request (`X-Request-Id`, `Idempotency-Key`). A deleted group's events stay readable. Another tenant's group is 404. At most `limit` events per page; a `Link: <...>; rel="next"` header names the next page when there is one.
         */
        get: operations["getGroupEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/security-groups/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A security group as it was, rebuilt by replaying its events
         * @description Give exactly one of `version` (the group right after its event number `version`) or `at` (the group as it stood at that instant); anything else is 400. The body has the shape of `GET /v1/security-groups/{id}`; `propagation` is the state of the group's newest operation at that point. 404 when the group has no such version yet, did not exist yet at `at`, had been deleted by then, or belongs to another tenant. A deleted group's earlier states stay readable.
         */
        get: operations["getGroupHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/security-groups/{id}/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Replace every rule of a security group (the console's "Edit Security Group")
         * @description The rules become exactly the given lists. A rule that stays (same direction, protocol, ports, ICMP type/code and remote) keeps its id, even when its description changes; the others are removed or get new ids. Send If-Match to be sure you replace what you read.
         */
        put: operations["replaceRules"];
        /**
         * Add rules to a security group, all or nothing
         * @description Answers with the group as it is now, the operation that carries the change to the hypervisors, and warnings (host bits cleared, SSH or RDP open to the internet). Without If-Match, concurrent additions never lose each other.
         */
        post: operations["addRules"];
        /**
         * Remove several rules from a security group, all or nothing
         * @description Answers with the group as it is now and the operation that carries the change. One unknown rule id and nothing is removed.
         */
        delete: operations["removeRules"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/security-groups/{id}/rules/{ruleId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove one rule from a security group
         * @description Answers with the group as it is now and the operation that carries the change. Established connections the rule allowed are cut.
         */
        delete: operations["removeRule"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vpcs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List VPCs (paginated, by id) */
        get: operations["listVpcs"];
        put?: never;
        /** Create a VPC with its default security group (six outbound rules, no inbound) */
        post: operations["createVpc"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vpcs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a VPC */
        get: operations["getVpc"];
        put?: never;
        post?: never;
        /** Delete a VPC and its default group; 409 (conflict) while it has instances or other groups */
        delete: operations["deleteVpc"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AddRulesRequest: {
            /**
             * @example [
             *       {
             *         "direction": "inbound",
             *         "preset": "SSH",
             *         "remote": [
             *           "203.0.113.7"
             *         ]
             *       },
             *       {
             *         "direction": "inbound",
             *         "protocol": "tcp",
             *         "ports": "8000-8080",
             *         "remote": "my-ip"
             *       }
             *     ]
             */
            rules: components["schemas"]["RuleInputRequest"][];
        };
        AppliedToRequest: {
            /**
             * @description Network segments: the group applies to every instance of the VPC whose address is inside, including instances registered later. An IPv4 segment must lie inside the VPC's IPv4 range when it has one. Host bits are cleared, with a warning.
             * @example [
             *       "10.0.1.0/24"
             *     ]
             */
            cidrs?: string[];
            /**
             * @description Instances of the group's VPC (at most 1000)
             * @example [
             *       "i-0mh2k8q1a7c1d2e3f4a5b"
             *     ]
             */
            instanceIds?: string[];
        };
        AppliedToResponse: {
            /**
             * @example [
             *       "10.0.1.0/24"
             *     ]
             */
            cidrs: string[];
            /**
             * @example [
             *       "i-0mh2k8q1a7c1d2e3f4a5b"
             *     ]
             */
            instanceIds: string[];
        };
        AuditDigestResponse: {
            /**
             * @description What is signed: `format` 1, `scope`, `from` and `to` (feed cursors, {transactionId, position}: the events after `from` up to `to` in commit order), `createdAt`, `previousDigest` (the previous digest's `digestHash`, null for the first), `count`, `events` ([position, hash] of each event of the scope in the range, in feed order) and `streams` ({streamId: {version, hash}}: each touched stream's last event in the range). docs/audit.md gives the canonical text that is hashed and signed.
             * @example {
             *       "format": 1,
             *       "scope": "all",
             *       "from": {
             *         "transactionId": "0",
             *         "position": "0"
             *       },
             *       "to": {
             *         "transactionId": "913",
             *         "position": "42"
             *       },
             *       "createdAt": "2026-11-27T10:05:00.000Z",
             *       "previousDigest": null,
             *       "count": 1,
             *       "events": [
             *         [
             *           "42",
             *           "3f0c…"
             *         ]
             *       ],
             *       "streams": {
             *         "sg-0mh2k8q1a7c1d2e3f4a5b": {
             *           "version": 3,
             *           "hash": "3f0c…"
             *         }
             *       }
             *     }
             */
            digest: {
                [key: string]: unknown;
            };
            /**
             * @description hex SHA-256 of the digest's canonical text
             * @example 8c1d…
             */
            digestHash: string;
            /**
             * @description Which key signed (GET /v1/audit/public-key)
             * @example 5e1f…
             */
            keyId: string;
            /**
             * @description Where the feed recorded the digest itself
             * @example 1042
             */
            position: string;
            /** @example 2026-11-27T10:05:00.000Z */
            recordedAt: string;
            /**
             * @description `all` (every event) or a tenant (its events only)
             * @example all
             */
            scope: string;
            /**
             * @description The digest's number in its scope (1-based); `after` pages by it
             * @example 3
             */
            sequence: number;
            /**
             * @description base64 Ed25519 signature of the digest's canonical text (UTF-8)
             * @example q3Z…==
             */
            signature: string;
        };
        AuditPublicKeyResponse: {
            /**
             * @example Ed25519
             * @enum {string}
             */
            algorithm: "Ed25519";
            /**
             * @description hex SHA-256 of the key (SPKI DER): the `keyId` of every digest it signed
             * @example 5e1f…
             */
            keyId: string;
            /**
             * @description The public key, SPKI PEM
             * @example -----BEGIN PUBLIC KEY-----
             *     MCowBQYDK2VwAyEA…
             *     -----END PUBLIC KEY-----
             */
            publicKey: string;
        };
        CheckFlowRequest: {
            /**
             * @description inbound: a connection to the instance; outbound: one it opens
             * @enum {string}
             */
            direction: "inbound" | "outbound";
            /** @description icmp and icmpv6 only */
            icmp?: components["schemas"]["FlowIcmpRequest"];
            /**
             * @description Required for tcp and udp: the instance's port (inbound) or the remote's (outbound)
             * @example 443
             */
            port?: number;
            /**
             * @description One protocol: a connection is never "all"
             * @enum {string}
             */
            protocol: "tcp" | "udp" | "icmp" | "icmpv6";
            /**
             * @description The other end's address (one address, not a CIDR): the source of inbound traffic, the destination of outbound
             * @example 203.0.113.9
             */
            remote: string;
        };
        CreateSecurityGroupRequest: {
            /** @description Instances and network segments to apply the group to at once */
            applyTo?: components["schemas"]["AppliedToRequest"];
            /**
             * @default
             * @example Web tier
             */
            description?: string;
            /**
             * @description Unique in the VPC, whatever its case; "default" is reserved. Omit it and a readable unique name is generated: sg-<word>-<word>-<4 digits>.
             * @example web-servers
             */
            name?: string;
            /** @description Rules to start with, each with its direction; all or nothing */
            rules?: components["schemas"]["RuleInputRequest"][];
            /**
             * @description At most 50 tags; keys 1–128 characters, values up to 256
             * @example {
             *       "team": "ml"
             *     }
             */
            tags?: {
                [key: string]: string;
            };
            /**
             * @description A VPC of your tenant; unknown is 404 (errors path vpcId)
             * @example vpc-0mh2k8q1a5f3c9e2b1d4a
             */
            vpcId: string;
        };
        CreateVpcRequest: {
            /**
             * @description A private range: inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10 (/8 to /28), or fc00::/7 (/48 to /64). Host bits are cleared, with a warning
             * @example 10.0.0.0/16
             */
            cidr?: string;
            /** @example ml-training */
            name: string;
        };
        EffectiveRuleResponse: {
            /** @enum {string} */
            action: "ALLOW";
            /** @example  */
            description: string;
            /** @enum {string} */
            direction: "inbound" | "outbound";
            icmp: components["schemas"]["IcmpResponse"] | null;
            /** @example sgr-0mh2k8q1a7c1d2e3f4a5b */
            id: string;
            /** @enum {string} */
            ipVersion: "IPv4" | "IPv6";
            /** @description null: all ports */
            portRange: components["schemas"]["PortRangeResponse"] | null;
            /**
             * @description tcp, udp, icmp, icmpv6, all, another IP protocol's name (gre, sctp, ...) or its number as text ("47"), as the rule was given
             * @example tcp
             */
            protocol: string;
            /**
             * @description Source (inbound) or destination (outbound) CIDR
             * @example 0.0.0.0/0
             */
            remote: string | null;
            /**
             * @description The CIDRs the rule matches: its own remote, or one host prefix per member of its remote group (empty when that group has none)
             * @example [
             *       "10.0.2.7/32"
             *     ]
             */
            remoteCidrs: string[];
            /**
             * @description A group of the same VPC whose members are the remote
             * @example null
             */
            remoteGroupId: string | null;
            /** @example sg-0mh2k8q1a7c1d2e3f4a5b */
            securityGroupId: string;
            /** @example web-servers */
            securityGroupName: string;
            /**
             * @description The preset that protocol and port match
             * @enum {string}
             */
            type: "SSH" | "RDP" | "MySQL" | "HTTP" | "HTTPS" | "Custom" | "All traffic";
        };
        EventMetadataResponse: {
            /**
             * @description Tenant, role and a fingerprint of the API key that made the change (never the key)
             * @example demo/member#3f9a1c2e
             */
            actor: string;
            /**
             * @description The X-Request-Id the client sent, when it sent one: kept apart from the server's id
             * @example client-req-42
             */
            clientRequestId: string | null;
            /**
             * @description The request's Idempotency-Key, when it had one
             * @example create-web-1
             */
            idempotencyKey: string | null;
            /**
             * @description The server's own id of the request (also in its logs and problem bodies)
             * @example 5b0f3c1e-8d2a-4c1b-9f8e-2a7d6c5b4a39
             */
            requestId: string | null;
            /**
             * @description The tenant that owns what changed (an operator may act on any tenant)
             * @example demo
             */
            tenant: string;
        };
        EventResponse: {
            /**
             * @example {
             *       "groupId": "sg-0mh2k8q1a7c1d2e3f4a5b",
             *       "rules": [],
             *       "at": "2026-11-27T10:00:00.000Z"
             *     }
             */
            data: {
                [key: string]: unknown;
            };
            /**
             * @description SHA-256 (hex) chaining this event to the previous event of its stream (docs/audit.md says what it covers and how to verify it)
             * @example 3f0c5a9e1b7d2c4f6a8e0b1d3c5e7f9a2b4d6f8a0c2e4a6b8d0f1e3c5a7b9d1f
             */
            hash: string | null;
            metadata: components["schemas"]["EventMetadataResponse"];
            /**
             * @description Global position, a JSON number (positions stay far below 2^53). Unique and never reused, but the feed is in commit order, which may differ from position order: continue a feed with `after=<position>` of the last event read.
             * @example 1042
             */
            position: number;
            /**
             * @description The hash of the previous event of the stream; null for its first event
             * @example null
             */
            previousHash: string | null;
            /**
             * @description When the database stored it (its transaction's start)
             * @example 2026-11-27T10:00:00.004Z
             */
            recordedAt: string;
            /**
             * @description The schema version of `data`
             * @example 1
             */
            schemaVersion: number;
            /**
             * @description Only for an event stored in an older shape and upcast on reading: its schema version and data as stored, which the hash covers
             * @example {
             *       "schemaVersion": 1,
             *       "data": {}
             *     }
             */
            stored?: Record<string, never>;
            /**
             * @description The resource (aggregate) the event belongs to
             * @example sg-0mh2k8q1a7c1d2e3f4a5b
             */
            streamId: string;
            /**
             * @description The kind of resource the stream is
             * @example security-group
             */
            streamType: string;
            /** @example security-group.rules.added */
            type: string;
            /**
             * @description The resource's version after this event (1-based)
             * @example 3
             */
            version: number;
        };
        FieldIssueResponse: {
            /** @example port must be an integer 1–65535 */
            message: string;
            /**
             * @description Where the problem is: a path into the body (`rules[0].ports`), a query parameter, or a header name
             * @example rules[0].ports
             */
            path: string;
        };
        FindingEventResponse: {
            /**
             * @description Who made the change
             * @example demo/member#3f9a1c2e
             */
            actor: string;
            /**
             * @description The event's position in the feed (GET /v1/events, GET /v1/audit/events)
             * @example 1042
             */
            position: string;
            /**
             * @description The server's id of the request that made it (its `X-Request-Id` answer)
             * @example 5b0f3c1e-8d2a-4c1b-9f8e-2a7d6c5b4a39
             */
            requestId: string | null;
            /**
             * @description The stream (resource) the event belongs to
             * @example sg-0mh2k8q1a7c1d2e3f4a5b
             */
            streamId: string;
            /** @example security-group.rules.added */
            type: string;
            /** @example 3 */
            version: number;
        };
        FindingResourceResponse: {
            /** @example sg-0mh2k8q1a7c1d2e3f4a5b */
            id: string;
            /** @enum {string} */
            type: "security-group" | "instance";
        };
        FindingResponse: {
            /**
             * @description Which check found it (docs/audit.md)
             * @enum {string}
             */
            check: "ssh-open-to-world" | "rdp-open-to-world" | "port-range-open-to-world" | "group-unattached" | "instance-default-group-only" | "remote-overlaps-vpc";
            /**
             * @description When the event that closed it was recorded; null while open
             * @example null
             */
            closedAt: string | null;
            /** @description The event that closed it; null while open */
            closedBy: components["schemas"]["FindingEventResponse"] | null;
            /**
             * @description Why, as it was when the finding opened: for the rule checks, the rules that call for it
             * @example {
             *       "rules": [
             *         {
             *           "ruleId": "sgr-0mh2k8q1a7c1d2e3f4a5b",
             *           "protocol": "tcp",
             *           "ports": "22",
             *           "remote": "0.0.0.0/0"
             *         }
             *       ]
             *     }
             */
            details: {
                [key: string]: unknown;
            };
            /**
             * @description The group it is about (an instance's: the default group it has only)
             * @example sg-0mh2k8q1a7c1d2e3f4a5b
             */
            groupId: string;
            /** @example fd-0000000000001042-3b1f0c9e2d4a */
            id: string;
            /** @example null */
            instanceId: string | null;
            /**
             * @description When the event that opened it was recorded
             * @example 2026-11-27T10:00:00.000Z
             */
            openedAt: string;
            /** @description The event that opened it */
            openedBy: components["schemas"]["FindingEventResponse"];
            /** @description The group, or for `instance-default-group-only` the instance */
            resource: components["schemas"]["FindingResourceResponse"];
            /** @enum {string} */
            severity: "high" | "medium" | "low";
            /** @enum {string} */
            status: "open" | "closed";
            /** @example demo */
            tenant: string;
        };
        FlowCheckResponse: {
            /**
             * @description Whether a new connection like this would be let through (default deny: only if a rule matches)
             * @example true
             */
            allowed: boolean;
            /** @description Every rule that allows it; empty when denied */
            matchedRules: components["schemas"]["EffectiveRuleResponse"][];
        };
        FlowIcmpRequest: {
            /**
             * @description Defaults to 0
             * @example 0
             */
            code?: number;
            /** @example 8 */
            type: number;
        };
        GroupChangeResponse: {
            /** @example demo/member#3f9a1c2e */
            actor: string;
            /**
             * @example [
             *       "10.0.1.0/24"
             *     ]
             */
            cidrsAdded: string[];
            /** @example [] */
            cidrsRemoved: string[];
            /**
             * @description The group was created by this change
             * @example false
             */
            created: boolean;
            /**
             * @description The group was deleted by this change (everything it had is then removed)
             * @example false
             */
            deleted: boolean;
            /** @description null: unchanged */
            description: components["schemas"]["StringChangeResponse"] | null;
            /**
             * @example [
             *       "i-0mh2k8q1a7c1d2e3f4a5d"
             *     ]
             */
            instancesAttached: string[];
            /** @example [] */
            instancesDetached: string[];
            /** @description null: unchanged */
            name: components["schemas"]["StringChangeResponse"] | null;
            /**
             * @description The event's global position
             * @example 1042
             */
            position: number;
            /** @example 2026-11-27T10:00:00.004Z */
            recordedAt: string;
            /** @example 5b0f3c1e-8d2a-4c1b-9f8e-2a7d6c5b4a39 */
            requestId: string | null;
            rulesAdded: components["schemas"]["RuleResponse"][];
            rulesRemoved: components["schemas"]["RuleResponse"][];
            tags: components["schemas"]["TagsChangeResponse"];
            /** @example security-group.rules.added */
            type: string;
            /**
             * @description The group's version after this change
             * @example 3
             */
            version: number;
        };
        HypervisorResponse: {
            /** @example http://10.0.0.7:7001 */
            agentUrl: string;
            /**
             * @description The revision the agent last acknowledged; behind desiredRevision while a change propagates
             * @example 42
             */
            appliedRevision: number;
            /** @example 2026-11-27T10:00:00.000Z */
            createdAt: string;
            /**
             * @description Grows with every change that touches this hypervisor; 0 until the first one
             * @example 42
             */
            desiredRevision: number;
            /**
             * @description Chosen by the caller when registering
             * @example hv-1
             */
            id: string;
            /**
             * @description Last time the agent answered; null if never
             * @example 2026-11-27T10:00:00.000Z
             */
            lastContactAt: string | null;
            /**
             * @description The last failed push or health check, cleared by the next success
             * @example null
             */
            lastError: string | null;
            /** @example 2026-11-27T10:00:00.000Z */
            updatedAt: string;
            /**
             * @description Stream version; send it back in If-Match
             * @example 1
             */
            version: number;
        };
        IcmpRequest: {
            /**
             * @description Omit for every code of the type
             * @example 0
             */
            code?: number;
            /** @example 8 */
            type: number;
        };
        IcmpResponse: {
            /** @example 0 */
            code: number | null;
            /** @example 8 */
            type: number;
        };
        InstanceChangeResponse: {
            /** @example 2026-11-27T10:00:00.000Z */
            createdAt: string;
            /**
             * @description Where the VM runs now
             * @example hv-1
             */
            hypervisorId: string;
            /** @example i-0mh2k8q1a7c1d2e3f4a5b */
            id: string;
            /** @example 10.0.1.5 */
            ipv4: string | null;
            /** @example 2001:db8::5 */
            ipv6: string | null;
            /** @example gpu-1 */
            name: string;
            operation: components["schemas"]["OperationRefResponse"];
            /**
             * @description Every group that applies to it, directly or through a CIDR attachment
             * @example [
             *       "sg-0mh2k8q1a7c1d2e3f4a5b"
             *     ]
             */
            securityGroupIds: string[];
            /** @example demo */
            tenant: string;
            /** @example 2026-11-27T10:00:00.000Z */
            updatedAt: string;
            /**
             * @description Stream version; send it back in If-Match
             * @example 1
             */
            version: number;
            /** @example vpc-0mh2k8q1a5f3c9e2b1d4a */
            vpcId: string;
            /** @example [] */
            warnings: string[];
        };
        InstanceDeletedResponse: {
            /** @example true */
            deleted: boolean;
            /** @example i-0mh2k8q1a7c1d2e3f4a5b */
            id: string;
            operation: components["schemas"]["OperationRefResponse"];
            /** @example [] */
            warnings: string[];
        };
        InstanceResponse: {
            /** @example 2026-11-27T10:00:00.000Z */
            createdAt: string;
            /**
             * @description Where the VM runs now
             * @example hv-1
             */
            hypervisorId: string;
            /** @example i-0mh2k8q1a7c1d2e3f4a5b */
            id: string;
            /** @example 10.0.1.5 */
            ipv4: string | null;
            /** @example 2001:db8::5 */
            ipv6: string | null;
            /** @example gpu-1 */
            name: string;
            /**
             * @description Every group that applies to it, directly or through a CIDR attachment
             * @example [
             *       "sg-0mh2k8q1a7c1d2e3f4a5b"
             *     ]
             */
            securityGroupIds: string[];
            /** @example demo */
            tenant: string;
            /** @example 2026-11-27T10:00:00.000Z */
            updatedAt: string;
            /**
             * @description Stream version; send it back in If-Match
             * @example 1
             */
            version: number;
            /** @example vpc-0mh2k8q1a5f3c9e2b1d4a */
            vpcId: string;
        };
        MoveInstanceRequest: {
            /**
             * @description The registered hypervisor the VM now runs on
             * @example hv-2
             */
            hypervisorId: string;
        };
        NotificationResponse: {
            /** @description For `finding.opened`: the finding as GET /v1/findings showed it when it opened; otherwise null */
            finding: components["schemas"]["FindingResponse"] | null;
            /**
             * @description Grows with every notification; send the last one seen as `after`
             * @example 12
             */
            id: number;
            /**
             * @description `operation`: an operation's status changed; `finding.opened`: a check found something (docs/audit.md)
             * @enum {string}
             */
            kind: "operation" | "finding.opened";
            /** @description For `operation`: the operation as GET /v1/operations/{id} showed it at that change; otherwise null */
            operation: components["schemas"]["OperationResponse"] | null;
        };
        OperationProgressResponse: {
            /**
             * @description Targets that have finished, successfully or not
             * @example 1
             */
            done: number;
            /**
             * @description Hypervisors the change must reach
             * @example 2
             */
            total: number;
        };
        OperationRefResponse: {
            /** @example /v1/operations/op-0mh2k8q1a7c1d2e3f4a5b */
            href: string;
            /** @example op-0mh2k8q1a7c1d2e3f4a5b */
            id: string;
            /** @enum {string} */
            status: "queued" | "in-progress" | "succeeded" | "failed";
        };
        OperationResourceResponse: {
            /** @example sg-0mh2k8q1a7c1d2e3f4a5b */
            id: string;
            /** @enum {string} */
            type: "security-group" | "instance" | "vpc" | "hypervisor";
        };
        OperationResponse: {
            /** @example 2026-11-27T10:00:00.000Z */
            createdAt: string;
            /**
             * @description Set once it succeeded or failed; cleared by a retry
             * @example null
             */
            finishedAt: string | null;
            /** @example op-0mh2k8q1a7c1d2e3f4a5b */
            id: string;
            /** @example Added 2 inbound rules to web-servers; applied on 3 instances across 2 hypervisors */
            message: string;
            progress: components["schemas"]["OperationProgressResponse"];
            resource: components["schemas"]["OperationResourceResponse"];
            /** @enum {string} */
            status: "queued" | "in-progress" | "succeeded" | "failed";
            targets: components["schemas"]["OperationTargetResponse"][];
            /** @example demo */
            tenant: string;
            /**
             * @description What changed, as the change's event type
             * @example security-group.rules.added
             */
            type: string;
            /** @example 2026-11-27T10:00:01.250Z */
            updatedAt: string;
        };
        OperationTargetResponse: {
            /**
             * @description The hypervisor revision that carried the change
             * @example 42
             */
            appliedRevision: number | null;
            /** @example 1 */
            attempts: number;
            /**
             * @description The agent's last error
             * @example null
             */
            error: string | null;
            /** @example hv-1 */
            hypervisorId: string;
            /** @enum {string} */
            status: "queued" | "in-progress" | "succeeded" | "failed";
        };
        PortRangeResponse: {
            /** @example 22 */
            from: number;
            /** @example 22 */
            to: number;
        };
        PrincipalResponse: {
            /**
             * @description How the audit trail names this key (`metadata.actor` of the events it writes)
             * @example demo/member#3f9a1c2e
             */
            actor: string;
            /**
             * @description The caller's address as the server sees it: what `"remote": "my-ip"` becomes
             * @example 198.51.100.7
             */
            ip: string | null;
            /**
             * @description member: its tenant's resources; operator: every tenant, plus hypervisors, the global feed and retries
             * @enum {string}
             */
            role: "member" | "operator";
            /**
             * @description The tenant whose resources the key manages
             * @example demo
             */
            tenant: string;
        };
        ProblemResponse: {
            /** @example The request is not valid. */
            detail: string;
            /** @description Every bad field at once (validation-failed; some not-found name the missing reference) */
            errors?: components["schemas"]["FieldIssueResponse"][];
            /**
             * @description The server's own id of the request (in its logs and audit trail), to quote to support
             * @example 5b0f4c1e-8d2a-4f4e-9a53-2c7d0e1f9b6a
             */
            requestId?: string;
            /**
             * @description The HTTP status, repeated
             * @example 400
             */
            status: number;
            /** @example The request is not valid */
            title: string;
            /**
             * @description The problem's slug: what a client branches on
             * @example validation-failed
             * @enum {string}
             */
            type: "validation-failed" | "unauthorized" | "forbidden" | "not-found" | "method-not-allowed" | "duplicate-rule" | "default-group-immutable" | "group-has-rules" | "conflict" | "version-mismatch" | "request-timeout" | "payload-too-large" | "unsupported-media-type" | "idempotency-key-reused" | "quota-exceeded" | "too-many-requests" | "headers-too-large" | "unavailable" | "internal-error";
        };
        QueueCountsResponse: {
            /**
             * @description Running in a worker now
             * @example 1
             */
            active: number;
            /**
             * @description Finished successfully (the last 1000 are kept)
             * @example 870
             */
            completed: number;
            /**
             * @description Waiting for their time: a coalescing delay, or the backoff before a retry
             * @example 2
             */
            delayed: number;
            /**
             * @description Out of attempts, or failed for good (the last 1000 are kept)
             * @example 3
             */
            failed: number;
            /**
             * @description Ready to run, ordered by priority
             * @example 0
             */
            prioritized: number;
            /**
             * @description Ready to run, in arrival order (held there while the queue is paused)
             * @example 0
             */
            waiting: number;
        };
        QueueJobResponse: {
            /**
             * @description Attempts that have ended, successfully or not
             * @example 2
             */
            attemptsMade: number;
            /**
             * @description When it was queued
             * @example 2026-11-27T10:00:00.000Z
             */
            createdAt: string;
            /**
             * @description Why the last attempt failed (kept while it waits to retry); null if none has
             * @example agent hv-2 unreachable at http://10.0.0.8:7001: ECONNREFUSED
             */
            failedReason: string | null;
            /**
             * @description When it completed or failed for good; null until then
             * @example 2026-11-27T10:00:00.180Z
             */
            finishedAt: string | null;
            /**
             * @description A resync: push even when the hypervisor has acknowledged its state
             * @example false
             */
            force: boolean;
            /**
             * @description The hypervisor the job syncs; null when its data names none
             * @example hv-2
             */
            hypervisorId: string | null;
            /**
             * @description BullMQ's job id, unique within the queue
             * @example 42
             */
            id: string;
            /**
             * @description Attempts it gets before it fails (PROPAGATION_ATTEMPTS)
             * @example 5
             */
            maxAttempts: number;
            /**
             * @description What the job does
             * @example sync
             */
            name: string;
            /**
             * @description When its last attempt started; null if none has
             * @example 2026-11-27T10:00:00.120Z
             */
            processedAt: string | null;
            /**
             * @description The state it was listed in
             * @enum {string}
             */
            state: "waiting" | "active" | "delayed" | "prioritized" | "completed" | "failed";
        };
        QueueResponse: {
            /** @description Jobs by state */
            counts: components["schemas"]["QueueCountsResponse"];
            /**
             * @description The queue's name (its Redis keys are under QUEUE_PREFIX)
             * @example hypervisor-sync
             */
            name: string;
            /**
             * @description Seconds the next job to run has been waiting since it became ready; null when none waits. Growing while workers are up means they cannot keep up.
             * @example 0.25
             */
            oldestWaitingAgeSeconds: number | null;
            /**
             * @description Whether workers have been told to take no new jobs
             * @example false
             */
            paused: boolean;
        };
        QuotasResponse: {
            /** @description Rules of those groups (default 100) */
            securityGroupRules: components["schemas"]["QuotaUsageResponse"];
            /** @description Security groups of the tenant's project VPC (the Neutron face's groups; default 10) */
            securityGroups: components["schemas"]["QuotaUsageResponse"];
            /** @example demo */
            tenant: string;
        };
        QuotaUsageResponse: {
            /**
             * @description The quota; -1: unlimited
             * @example 10
             */
            limit: number;
            /**
             * @description Used now
             * @example 3
             */
            used: number;
        };
        RegisterHypervisorRequest: {
            /**
             * @description The agent's base URL: http or https, without credentials, query or fragment
             * @example http://10.0.0.7:7001
             */
            agentUrl: string;
        };
        RegisterInstanceRequest: {
            /**
             * @description A registered hypervisor (any tenant may place instances on any hypervisor)
             * @example hv-1
             */
            hypervisorId: string;
            /**
             * @description Inside the VPC's CIDR when it has one; unique in the VPC
             * @example 10.0.1.5
             */
            ipv4?: string;
            /**
             * @description Unique in the VPC
             * @example 2001:db8::5
             */
            ipv6?: string;
            /** @example gpu-1 */
            name: string;
            /** @example vpc-0mh2k8q1a5f3c9e2b1d4a */
            vpcId: string;
        };
        RemoteGroupRequest: {
            /**
             * @description A security group of the same VPC
             * @example sg-0mh2k8q1a7c1d2e3f4a5b
             */
            group: string;
        };
        RemoveRulesRequest: {
            /**
             * @description Rules of this group; repeats count once
             * @example [
             *       "sgr-0mh2k8q1a7c1d2e3f4a5b"
             *     ]
             */
            ruleIds: string[];
        };
        ReplaceRulesRequest: {
            /**
             * @description The whole inbound set; direction may be omitted. Missing means none.
             * @example [
             *       {
             *         "preset": "HTTPS"
             *       }
             *     ]
             */
            inboundRules?: components["schemas"]["RuleInputRequest"][];
            /**
             * @description The whole outbound set; direction may be omitted. Missing means none.
             * @example [
             *       {
             *         "protocol": "all",
             *         "remote": "all-ipv4"
             *       }
             *     ]
             */
            outboundRules?: components["schemas"]["RuleInputRequest"][];
        };
        ResyncHypervisorResponse: {
            /** @example hv-1 */
            hypervisorId: string;
            /** @description The operation that pushes the full state; it targets this hypervisor only */
            operation: components["schemas"]["OperationRefResponse"];
        };
        RuleInputRequest: {
            /** @example office VPN */
            description?: string;
            /**
             * @description Required in POST …/rules; implied by the list in PUT …/rules
             * @enum {string}
             */
            direction?: "inbound" | "outbound";
            /** @description icmp/icmpv6 only; omit for every ICMP type */
            icmp?: components["schemas"]["IcmpRequest"];
            /**
             * @description Inferred from the remote; required when the remote is a group
             * @enum {string}
             */
            ipVersion?: "IPv4" | "IPv6";
            /**
             * @description tcp/udp only: "all" (the default), a port like "22" or 22, or a range "from-to" within 1–65535
             * @example 8000-8080
             */
            ports?: string | number;
            /**
             * @description Fills protocol tcp and the port (22, 3389, 3306, 80, 443)
             * @enum {string}
             */
            preset?: "SSH" | "RDP" | "MySQL" | "HTTP" | "HTTPS";
            /**
             * @description Required unless preset is given. tcp, udp, icmp, icmpv6 or all (lower case), another IP protocol by name (ah, dccp, egp, esp, gre, hopopt, igmp, ipip, ipv6-encap, ipv6-frag, ipv6-icmp, ipv6-nonxt, ipv6-opts, ipv6-route, ospf, pgm, rsvp, sctp, udplite, vrrp), or any protocol number 0–255 (6, 17, 1 and 58 read as tcp, udp, icmp, icmpv6). Ports apply to tcp, udp, dccp, sctp and udplite; IPv6-only protocols need ipVersion IPv6.
             * @example tcp
             */
            protocol?: string | number;
            /** @description Sources of inbound rules, destinations of outbound ones: "all-ipv4" (the default), "all-ipv6", "my-ip" (your address as the server sees it), a list of addresses and CIDRs (N entries make N rules; a bare address is /32 or /128; host bits are cleared with a warning), or {"group": "sg-…"}. At most 1000 addresses in one request (quota-exceeded). */
            remote?: ("all-ipv4" | "all-ipv6" | "my-ip") | string[] | components["schemas"]["RemoteGroupRequest"];
        };
        RuleResponse: {
            /** @enum {string} */
            action: "ALLOW";
            /** @example  */
            description: string;
            /** @enum {string} */
            direction: "inbound" | "outbound";
            icmp: components["schemas"]["IcmpResponse"] | null;
            /** @example sgr-0mh2k8q1a7c1d2e3f4a5b */
            id: string;
            /** @enum {string} */
            ipVersion: "IPv4" | "IPv6";
            /** @description null: all ports */
            portRange: components["schemas"]["PortRangeResponse"] | null;
            /**
             * @description tcp, udp, icmp, icmpv6, all, another IP protocol's name (gre, sctp, ...) or its number as text ("47"), as the rule was given
             * @example tcp
             */
            protocol: string;
            /**
             * @description Source (inbound) or destination (outbound) CIDR
             * @example 0.0.0.0/0
             */
            remote: string | null;
            /**
             * @description A group of the same VPC whose members are the remote
             * @example null
             */
            remoteGroupId: string | null;
            /**
             * @description The preset that protocol and port match
             * @enum {string}
             */
            type: "SSH" | "RDP" | "MySQL" | "HTTP" | "HTTPS" | "Custom" | "All traffic";
        };
        SecurityGroupChangeResponse: {
            appliedTo: components["schemas"]["AppliedToResponse"];
            /** @example 2026-11-27T10:00:00.000Z */
            createdAt: string;
            /** @example  */
            description: string;
            /** @example sg-0mh2k8q1a7c1d2e3f4a5b */
            id: string;
            inboundRules: components["schemas"]["RuleResponse"][];
            /** @example false */
            isDefault: boolean;
            /** @example web-servers */
            name: string;
            operation?: components["schemas"]["OperationRefResponse"];
            outboundRules: components["schemas"]["RuleResponse"][];
            /**
             * @description Follows the latest operation on the group
             * @enum {string}
             */
            propagation: "in-sync" | "propagating" | "failed";
            /**
             * @example {
             *       "team": "ml"
             *     }
             */
            tags: {
                [key: string]: string;
            };
            /** @example 2026-11-27T10:00:00.000Z */
            updatedAt: string;
            /**
             * @description Stream version; send it back in If-Match
             * @example 7
             */
            version: number;
            /** @example vpc-0mh2k8q1a5f3c9e2b1d4a */
            vpcId: string;
            /**
             * @example [
             *       "Rule opens SSH (22) to 0.0.0.0/0: allow only trusted addresses."
             *     ]
             */
            warnings: string[];
        };
        SecurityGroupDeletedResponse: {
            /**
             * @example true
             * @enum {boolean}
             */
            deleted: true;
            /** @example sg-0mh2k8q1a7c1d2e3f4a5b */
            id: string;
            /** @description Detaches the group from the hypervisors of the instances it applied to */
            operation: components["schemas"]["OperationRefResponse"];
        };
        SecurityGroupResponse: {
            appliedTo: components["schemas"]["AppliedToResponse"];
            /** @example 2026-11-27T10:00:00.000Z */
            createdAt: string;
            /** @example  */
            description: string;
            /** @example sg-0mh2k8q1a7c1d2e3f4a5b */
            id: string;
            inboundRules: components["schemas"]["RuleResponse"][];
            /** @example false */
            isDefault: boolean;
            /** @example web-servers */
            name: string;
            outboundRules: components["schemas"]["RuleResponse"][];
            /**
             * @description Follows the latest operation on the group
             * @enum {string}
             */
            propagation: "in-sync" | "propagating" | "failed";
            /**
             * @example {
             *       "team": "ml"
             *     }
             */
            tags: {
                [key: string]: string;
            };
            /** @example 2026-11-27T10:00:00.000Z */
            updatedAt: string;
            /**
             * @description Stream version; send it back in If-Match
             * @example 7
             */
            version: number;
            /** @example vpc-0mh2k8q1a5f3c9e2b1d4a */
            vpcId: string;
        };
        SetQuotasRequest: {
            /**
             * @description Rules of those groups; -1: unlimited
             * @example 200
             */
            securityGroupRules?: number;
            /**
             * @description Security groups of the tenant's project VPC; -1: unlimited
             * @example 20
             */
            securityGroups?: number;
        };
        StreamTicketResponse: {
            /**
             * @description After this it opens nothing; a stream already open stays open
             * @example 2026-11-27T12:15:00.000Z
             */
            expiresAt: string;
            /**
             * @description For `new EventSource(streamUrl)`
             * @example /v1/notifications/stream?ticket=eyJhIjoi…
             */
            streamUrl: string;
            /**
             * @description Opens the notification stream of the caller, and nothing else
             * @example eyJhIjoiZGVtby9tZW1iZXIjM2Y5YTFjMmUiLCJlIjoxNzk1NzcwMDAwMDAwfQ.Qm9ndXMtc2lnbmF0dXJlLWZvci1kb2Nz
             */
            ticket: string;
        };
        StringChangeResponse: {
            /** @example web */
            from: string;
            /** @example web-servers */
            to: string;
        };
        TagsChangeResponse: {
            /**
             * @description Tags removed, with the values they had
             * @example {
             *       "owner": "bob"
             *     }
             */
            removed: {
                [key: string]: string;
            };
            /**
             * @description Tags added, or given a new value
             * @example {
             *       "env": "prod"
             *     }
             */
            set: {
                [key: string]: string;
            };
        };
        UpdateSecurityGroupRequest: {
            /** @example Web tier */
            description?: string;
            /**
             * @description Unique in the VPC; the default group cannot be renamed (409 default-group-immutable)
             * @example web-servers
             */
            name?: string;
            /**
             * @description Replaces every tag; {} removes them all
             * @example {
             *       "team": "ml"
             *     }
             */
            tags?: {
                [key: string]: string;
            };
        };
        VpcResponse: {
            /** @example 10.0.0.0/16 */
            cidr: string | null;
            /** @example 2026-11-27T10:00:00.000Z */
            createdAt: string;
            /**
             * @description The VPC's default security group, created with it
             * @example sg-0mh2k8q1a7c1d2e3f4a5b
             */
            defaultSecurityGroupId: string;
            /** @example vpc-0mh2k8q1a5f3c9e2b1d4a */
            id: string;
            /** @example ml-training */
            name: string;
            /** @example demo */
            tenant: string;
            /** @example 2026-11-27T10:00:00.000Z */
            updatedAt: string;
            /**
             * @description Stream version; send it back in If-Match
             * @example 1
             */
            version: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    healthLive: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example ok */
                        status: string;
                    };
                };
            };
        };
    };
    healthReady: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready, or degraded (Redis down) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @example {
                         *       "postgres": {
                         *         "status": "up"
                         *       },
                         *       "migrations": {
                         *         "status": "up"
                         *       },
                         *       "redis": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        checks: {
                            migrations?: {
                                /** @example pending: ReadModels1795768600000 */
                                detail?: string;
                                /** @enum {string} */
                                status: "up" | "down";
                            };
                            postgres?: {
                                /** @example pending: ReadModels1795768600000 */
                                detail?: string;
                                /** @enum {string} */
                                status: "up" | "down";
                            };
                            redis?: {
                                /** @example pending: ReadModels1795768600000 */
                                detail?: string;
                                /** @enum {string} */
                                status: "up" | "down";
                            };
                        };
                        /** @enum {string} */
                        status: "ready" | "degraded" | "not-ready";
                    };
                };
            };
            /** @description Postgres unreachable or a migration pending */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @example {
                         *       "postgres": {
                         *         "status": "up"
                         *       },
                         *       "migrations": {
                         *         "status": "up"
                         *       },
                         *       "redis": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        checks: {
                            migrations?: {
                                /** @example pending: ReadModels1795768600000 */
                                detail?: string;
                                /** @enum {string} */
                                status: "up" | "down";
                            };
                            postgres?: {
                                /** @example pending: ReadModels1795768600000 */
                                detail?: string;
                                /** @enum {string} */
                                status: "up" | "down";
                            };
                            redis?: {
                                /** @example pending: ReadModels1795768600000 */
                                detail?: string;
                                /** @enum {string} */
                                status: "up" | "down";
                            };
                        };
                        /** @enum {string} */
                        status: "ready" | "degraded" | "not-ready";
                    };
                };
            };
        };
    };
    metrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description forbidden: a member key (metrics are for operators and their Prometheus) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    listAuditDigests: {
        parameters: {
            query?: {
                /** @description Sequence of the last digest already read; 0 (default) for the start */
                after?: string;
                /** @description 1–1000, default 100 */
                limit?: number;
                /** @description `all` or a tenant; default: `all` for an operator, the own tenant for a member */
                scope?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditDigestResponse"][];
                };
            };
            /** @description validation-failed: a bad scope, after or limit, or a member asking for another scope than its tenant */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    searchAuditEvents: {
        parameters: {
            query?: {
                /** @description The actor exactly as events show it (`metadata.actor`) */
                actor?: string;
                /** @description Position of the last event already read; 0 (default) for the start */
                after?: string;
                /** @description Recorded at or after this time (RFC 3339) */
                from?: string;
                /** @description 1–1000, default 100 */
                limit?: number;
                /** @description The resource the events belong to (their `streamId`) */
                resourceId?: string;
                /** @description Recorded before this time (RFC 3339); not before `from` */
                to?: string;
                /** @description An event type, or a family of them ending in `.*` (`security-group.*`) */
                type?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The next page's URL, `<…>; rel="next"`; absent on the last page */
                    Link?: string;
                    /** @description The position of the last event returned: the next read's `after` */
                    "Next-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventResponse"][];
                };
            };
            /** @description validation-failed: a bad filter, limit, or an after that is no event's position */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    getAuditPublicKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPublicKeyResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    readFeed: {
        parameters: {
            query?: {
                /** @description Position of the last event already read; 0 (default) for the start */
                after?: string;
                /** @description 1–1000, default 100 */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The next page's URL, `<…>; rel="next"`; absent on the last page */
                    Link?: string;
                    /** @description The `after` to send next */
                    "Next-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventResponse"][];
                };
            };
            /** @description validation-failed: a bad limit, or an after that is no event's position */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    exportFeed: {
        parameters: {
            query?: {
                /** @description Position of the last event already archived; 0 (default) for the start */
                after?: string;
                /** @description ndjson (default): the feed's own objects; cloudevents: CloudEvents 1.0 JSON, one per line */
                format?: "ndjson" | "cloudevents";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One event (the object GET /v1/events returns) per line */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": string;
                };
            };
            /** @description validation-failed: an after that is no event's position, or an unknown format */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    listFindings: {
        parameters: {
            query?: {
                cursor?: string;
                /** @description Findings about this group only (an instance's finding is about its default group) */
                groupId?: string;
                limit?: number;
                status?: "open" | "closed";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The next page's URL, `<…>; rel="next"`; absent on the last page */
                    Link?: string;
                    /** @description The `cursor` of the next page; absent on the last page */
                    "Next-Cursor"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FindingResponse"][];
                };
            };
            /** @description validation-failed: a bad status, groupId, limit or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    listHypervisors: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The next page's URL, `<…>; rel="next"`; absent on the last page */
                    Link?: string;
                    /** @description The `cursor` of the next page; absent on the last page */
                    "Next-Cursor"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HypervisorResponse"][];
                };
            };
            /** @description validation-failed: a bad limit or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description forbidden: a member key */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    getHypervisor: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The hypervisor's id, chosen when it was registered
                 * @example hv-1
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HypervisorResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description forbidden: a member key */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description not-found: no such hypervisor */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    registerHypervisor: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replaying the key with the same request returns the first response and writes nothing (kept 24 h); 1–255 visible ASCII characters */
                "Idempotency-Key"?: string;
                /** @description The version you read, like "7": 412 version-mismatch when the resource has changed since */
                "If-Match"?: string;
            };
            path: {
                /** @description Chosen by the caller: 1–63 letters, digits, ".", "_" or "-", starting with a letter or digit */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterHypervisorRequest"];
            };
        };
        responses: {
            /** @description Updated, or already registered with this URL */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HypervisorResponse"];
                };
            };
            /** @description Registered */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HypervisorResponse"];
                };
            };
            /** @description validation-failed: a bad hypervisor id or agentUrl, or an agentUrl outside the agent networks; a malformed Idempotency-Key or If-Match */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description forbidden: an API key (only the agent registers) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description version-mismatch: If-Match is not the resource's current version */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description payload-too-large: the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unsupported-media-type: a body without Content-Type: application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description idempotency-key-reused: the Idempotency-Key came with a different request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    resyncHypervisor: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replaying the key with the same request returns the first response and writes nothing (kept 24 h); 1–255 visible ASCII characters */
                "Idempotency-Key"?: string;
            };
            path: {
                /**
                 * @description The hypervisor's id, chosen when it was registered
                 * @example hv-1
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted: the new state is shown (read your writes) and the returned operation carries it to the hypervisors */
            202: {
                headers: {
                    /** @description The operation to follow */
                    "Operation-Location"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResyncHypervisorResponse"];
                };
            };
            /** @description validation-failed: every bad field in errors[]; a malformed Idempotency-Key */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description forbidden: a member key */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description not-found: no such hypervisor */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description idempotency-key-reused: the Idempotency-Key came with a different request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    listInstances: {
        parameters: {
            query?: {
                cursor?: string;
                hypervisorId?: string;
                limit?: number;
                vpcId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The next page's URL, `<…>; rel="next"`; absent on the last page */
                    Link?: string;
                    /** @description The `cursor` of the next page; absent on the last page */
                    "Next-Cursor"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InstanceResponse"][];
                };
            };
            /** @description validation-failed: a bad vpcId, hypervisorId, limit or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    registerInstance: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replaying the key with the same request returns the first response and writes nothing (kept 24 h); 1–255 visible ASCII characters */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterInstanceRequest"];
            };
        };
        responses: {
            /** @description Created; `Location` names the new resource */
            201: {
                headers: {
                    /** @description The operation to follow */
                    "Operation-Location"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InstanceChangeResponse"];
                };
            };
            /** @description validation-failed: every bad field in errors[]; ipv4 outside the VPC's CIDR, or its network or broadcast address; a malformed Idempotency-Key */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description not-found: errors[] names vpcId and/or hypervisorId */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description conflict: another instance of the VPC has the address */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description payload-too-large: the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unsupported-media-type: a body without Content-Type: application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description quota-exceeded: the port would pass 10,000 entries of the tenant in the hypervisor's desired state (stateEntriesPerHypervisor; default); idempotency-key-reused */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    getInstance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The instance's id
                 * @example i-0mh2k8q1a7c1d2e3f4a5d
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InstanceResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description not-found: no such instance, or another tenant's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    deleteInstance: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replaying the key with the same request returns the first response and writes nothing (kept 24 h); 1–255 visible ASCII characters */
                "Idempotency-Key"?: string;
                /** @description The version you read, like "7": 412 version-mismatch when the resource has changed since */
                "If-Match"?: string;
            };
            path: {
                /**
                 * @description The instance's id
                 * @example i-0mh2k8q1a7c1d2e3f4a5d
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted: the new state is shown (read your writes) and the returned operation carries it to the hypervisors */
            202: {
                headers: {
                    /** @description The operation to follow */
                    "Operation-Location"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InstanceDeletedResponse"];
                };
            };
            /** @description validation-failed: every bad field in errors[]; a malformed Idempotency-Key or If-Match */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description not-found: no such instance, or another tenant's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description version-mismatch: If-Match is not the instance's version */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description idempotency-key-reused: the Idempotency-Key came with a different request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    moveInstance: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replaying the key with the same request returns the first response and writes nothing (kept 24 h); 1–255 visible ASCII characters */
                "Idempotency-Key"?: string;
                /** @description The version you read, like "7": 412 version-mismatch when the resource has changed since */
                "If-Match"?: string;
            };
            path: {
                /**
                 * @description The instance's id
                 * @example i-0mh2k8q1a7c1d2e3f4a5d
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MoveInstanceRequest"];
            };
        };
        responses: {
            /** @description Accepted: the new state is shown (read your writes) and the returned operation carries it to the hypervisors */
            202: {
                headers: {
                    /** @description The operation to follow */
                    "Operation-Location"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InstanceChangeResponse"];
                };
            };
            /** @description validation-failed; a malformed Idempotency-Key or If-Match */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description not-found: no such instance (or another tenant's), or errors[] names hypervisorId */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description version-mismatch: If-Match is not the instance's version */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description payload-too-large: the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unsupported-media-type: a body without Content-Type: application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description quota-exceeded: the port would pass 10,000 entries of the tenant in the new hypervisor's desired state (stateEntriesPerHypervisor; default); idempotency-key-reused */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    getEffectiveRules: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The instance's id
                 * @example i-0mh2k8q1a7c1d2e3f4a5d
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EffectiveRuleResponse"][];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description not-found: no such instance, or another tenant's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    checkFlow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The instance's id
                 * @example i-0mh2k8q1a7c1d2e3f4a5d
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CheckFlowRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FlowCheckResponse"];
                };
            };
            /** @description validation-failed: every bad field of the flow in errors[] */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description not-found: no such instance, or another tenant's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description payload-too-large: the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    getPrincipal: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PrincipalResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    listNotifications: {
        parameters: {
            query?: {
                /** @description The last notification id seen (0 or absent: from the first) */
                after?: string;
                /** @description Which notifications, a comma list of `operation` and `finding.opened`. Absent: `operation` only, so that every item has its `operation` */
                kinds?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The id of the last notification returned */
                    "Next-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationResponse"][];
                };
            };
            /** @description validation-failed: a bad after, limit or kinds */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    streamNotifications: {
        parameters: {
            query?: {
                /** @description Resume after this notification id (as Last-Event-ID) */
                after?: string;
                /** @description Which notifications, a comma list of `operation` and `finding.opened`. Absent: `operation` only */
                kinds?: string;
                /** @description From POST /v1/notifications/tickets, in place of the Authorization header (for EventSource) */
                ticket?: string;
            };
            header?: {
                "Last-Event-ID"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An endless stream of `event: operation` frames (`data`: the operation as GET /v1/operations/{id} shows it) and, with `kinds`, `event: finding.opened` frames (`data`: the finding as GET /v1/findings shows it) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description validation-failed: a bad Last-Event-ID, after or kinds */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no key, or a ticket that is forged or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: this key holds STREAMS_PER_KEY streams open already, or is over its request rate */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    issueStreamTicket: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Created; `Location` names the new resource */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StreamTicketResponse"];
                };
            };
            /** @description validation-failed: a malformed Idempotency-Key or If-Match header */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    listOperations: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                /** @description Operations on this resource only */
                resourceId?: string;
                status?: "queued" | "in-progress" | "succeeded" | "failed";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The next page's URL, `<…>; rel="next"`; absent on the last page */
                    Link?: string;
                    /** @description The `cursor` of the next page; absent on the last page */
                    "Next-Cursor"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OperationResponse"][];
                };
            };
            /** @description validation-failed: a bad status, resourceId, limit or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    getOperation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The operation's id
                 * @example op-0mh2k8q1a7c1d2e3f4a5e
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OperationResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description not-found: no such operation, or another tenant's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    retryOperation: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replaying the key with the same request returns the first response and writes nothing (kept 24 h); 1–255 visible ASCII characters */
                "Idempotency-Key"?: string;
                /** @description The version you read, like "7": 412 version-mismatch when the resource has changed since */
                "If-Match"?: string;
            };
            path: {
                /**
                 * @description The operation's id
                 * @example op-0mh2k8q1a7c1d2e3f4a5e
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted: the new state is shown (read your writes) and the returned operation carries it to the hypervisors */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OperationResponse"];
                };
            };
            /** @description validation-failed: every bad field in errors[]; a malformed Idempotency-Key or If-Match */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description forbidden: a member key */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description not-found: no such operation */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description conflict: the operation has not failed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description version-mismatch: If-Match is not the resource's current version */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description idempotency-key-reused: the Idempotency-Key came with a different request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    listQueues: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueResponse"][];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description forbidden: a member key */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Redis is unreachable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    listQueueJobs: {
        parameters: {
            query: {
                /** @description 1–1000, default 50 */
                limit?: number;
                state: "waiting" | "active" | "delayed" | "prioritized" | "completed" | "failed";
            };
            header?: never;
            path: {
                /** @description The queue's name, as GET /v1/queues lists it */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueJobResponse"][];
                };
            };
            /** @description validation-failed: a missing or bad state, or a bad limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description forbidden: a member key */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description not-found: no such queue */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Redis is unreachable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    getQuotas: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant (an OpenStack project) */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuotasResponse"];
                };
            };
            /** @description validation-failed: not a tenant name */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description not-found: another tenant (members) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    setQuotas: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replaying the key with the same request returns the first response and writes nothing (kept 24 h); 1–255 visible ASCII characters */
                "Idempotency-Key"?: string;
                /** @description The version you read, like "7": 412 version-mismatch when the resource has changed since */
                "If-Match"?: string;
            };
            path: {
                /** @description The tenant (an OpenStack project) */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetQuotasRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuotasResponse"];
                };
            };
            /** @description validation-failed: a quota that is not an integer from -1 to 2147483647, an unknown field; a malformed Idempotency-Key or If-Match */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description forbidden: a member key */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description version-mismatch: If-Match is not the resource's current version */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description payload-too-large: the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unsupported-media-type: a body without Content-Type: application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description idempotency-key-reused: the Idempotency-Key came with a different request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    resetQuotas: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replaying the key with the same request returns the first response and writes nothing (kept 24 h); 1–255 visible ASCII characters */
                "Idempotency-Key"?: string;
                /** @description The version you read, like "7": 412 version-mismatch when the resource has changed since */
                "If-Match"?: string;
            };
            path: {
                /** @description The tenant (an OpenStack project) */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The quotas now (the defaults) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuotasResponse"];
                };
            };
            /** @description validation-failed: not a tenant name; a malformed Idempotency-Key or If-Match */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description forbidden: a member key */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description version-mismatch: If-Match is not the resource's current version */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description idempotency-key-reused: the Idempotency-Key came with a different request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    listSecurityGroups: {
        parameters: {
            query?: {
                /** @description Every group as it was at this time (a replay) */
                at?: string;
                cursor?: string;
                limit?: number;
                /** @description `key=value` for that value, or a bare `key` for any value */
                tag?: string;
                vpcId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The next page's URL, `<…>; rel="next"`; absent on the last page */
                    Link?: string;
                    /** @description The `cursor` of the next page; absent on the last page */
                    "Next-Cursor"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecurityGroupResponse"][];
                };
            };
            /** @description validation-failed: a bad vpcId, tag, limit or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    createSecurityGroup: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replaying the key with the same request returns the first response and writes nothing (kept 24 h); 1–255 visible ASCII characters */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSecurityGroupRequest"];
            };
        };
        responses: {
            /** @description Created; `Location` names the new resource */
            201: {
                headers: {
                    /** @description The new group */
                    Location?: string;
                    /** @description The operation to follow */
                    "Operation-Location"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecurityGroupChangeResponse"];
                };
            };
            /** @description validation-failed: every bad field in errors[]; a malformed Idempotency-Key */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description not-found: errors[] names vpcId, an applyTo instance, or a remote group */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description conflict: the name is used by another group of the VPC; duplicate-rule: two equal rules in the request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description payload-too-large: the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unsupported-media-type: a body without Content-Type: application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description quota-exceeded: over 100 groups per VPC, 5 groups per instance, 200 rules or 10,000 entries of the tenant in one hypervisor's desired state (stateEntriesPerHypervisor) (defaults); idempotency-key-reused */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    getSecurityGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The security group's id
                 * @example sg-0mh2k8q1a7c1d2e3f4a5b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The version in quotes, ready for If-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecurityGroupResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description not-found: no such group, or another tenant's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    deleteSecurityGroup: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replaying the key with the same request returns the first response and writes nothing (kept 24 h); 1–255 visible ASCII characters */
                "Idempotency-Key"?: string;
                /** @description The version you read, like "7": 412 version-mismatch when the resource has changed since */
                "If-Match"?: string;
            };
            path: {
                /**
                 * @description The security group's id
                 * @example sg-0mh2k8q1a7c1d2e3f4a5b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted: the new state is shown (read your writes) and the returned operation carries it to the hypervisors */
            202: {
                headers: {
                    /** @description The operation to follow */
                    "Operation-Location"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecurityGroupDeletedResponse"];
                };
            };
            /** @description validation-failed: every bad field in errors[]; a malformed Idempotency-Key or If-Match */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description not-found: no such group, or another tenant's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description group-has-rules: delete its rules first; default-group-immutable: the default group goes with its VPC; conflict: rules of another group name it as their remote */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description version-mismatch: If-Match is not the resource's current version */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description idempotency-key-reused: the Idempotency-Key came with a different request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    updateSecurityGroup: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replaying the key with the same request returns the first response and writes nothing (kept 24 h); 1–255 visible ASCII characters */
                "Idempotency-Key"?: string;
                /** @description The version you read, like "7": 412 version-mismatch when the resource has changed since */
                "If-Match"?: string;
            };
            path: {
                /**
                 * @description The security group's id
                 * @example sg-0mh2k8q1a7c1d2e3f4a5b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateSecurityGroupRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecurityGroupChangeResponse"];
                };
            };
            /** @description validation-failed: every bad field in errors[]; a malformed Idempotency-Key or If-Match */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description not-found: no such group, or another tenant's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description conflict: the name is used by another group of the VPC; default-group-immutable: renaming the default group */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description version-mismatch: If-Match is not the resource's current version */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description payload-too-large: the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unsupported-media-type: a body without Content-Type: application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description idempotency-key-reused: the Idempotency-Key came with a different request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    setAppliedTo: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replaying the key with the same request returns the first response and writes nothing (kept 24 h); 1–255 visible ASCII characters */
                "Idempotency-Key"?: string;
                /** @description The version you read, like "7": 412 version-mismatch when the resource has changed since */
                "If-Match"?: string;
            };
            path: {
                /**
                 * @description The security group's id
                 * @example sg-0mh2k8q1a7c1d2e3f4a5b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AppliedToRequest"];
            };
        };
        responses: {
            /** @description Accepted: the new state is shown (read your writes) and the returned operation carries it to the hypervisors */
            202: {
                headers: {
                    /** @description The operation to follow */
                    "Operation-Location"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecurityGroupChangeResponse"];
                };
            };
            /** @description validation-failed: every bad field in errors[]; an instance of another VPC; an IPv4 segment outside the VPC's range; a malformed Idempotency-Key or If-Match */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description not-found: no such group (or another tenant's), or errors[] names an instance that is unknown or not yours */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description version-mismatch: If-Match is not the resource's current version */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description payload-too-large: the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unsupported-media-type: a body without Content-Type: application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description quota-exceeded: an instance would have more than 5 groups or 10,000 entries of the tenant in one hypervisor's desired state (stateEntriesPerHypervisor); idempotency-key-reused */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    addAppliedTo: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replaying the key with the same request returns the first response and writes nothing (kept 24 h); 1–255 visible ASCII characters */
                "Idempotency-Key"?: string;
                /** @description The version you read, like "7": 412 version-mismatch when the resource has changed since */
                "If-Match"?: string;
            };
            path: {
                /**
                 * @description The security group's id
                 * @example sg-0mh2k8q1a7c1d2e3f4a5b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AppliedToRequest"];
            };
        };
        responses: {
            /** @description Accepted: the new state is shown (read your writes) and the returned operation carries it to the hypervisors */
            202: {
                headers: {
                    /** @description The operation to follow */
                    "Operation-Location"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecurityGroupChangeResponse"];
                };
            };
            /** @description validation-failed: every bad field in errors[]; no entries; an instance of another VPC; an IPv4 segment outside the VPC's range; a malformed Idempotency-Key or If-Match */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description not-found: no such group (or another tenant's), or errors[] names an instance that is unknown or not yours */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description version-mismatch: If-Match is not the resource's current version */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description payload-too-large: the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unsupported-media-type: a body without Content-Type: application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description quota-exceeded: an instance would have more than 5 groups or 10,000 entries of the tenant in one hypervisor's desired state (stateEntriesPerHypervisor); idempotency-key-reused */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    removeAppliedTo: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replaying the key with the same request returns the first response and writes nothing (kept 24 h); 1–255 visible ASCII characters */
                "Idempotency-Key"?: string;
                /** @description The version you read, like "7": 412 version-mismatch when the resource has changed since */
                "If-Match"?: string;
            };
            path: {
                /**
                 * @description The security group's id
                 * @example sg-0mh2k8q1a7c1d2e3f4a5b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AppliedToRequest"];
            };
        };
        responses: {
            /** @description Accepted: the new state is shown (read your writes) and the returned operation carries it to the hypervisors */
            202: {
                headers: {
                    /** @description The operation to follow */
                    "Operation-Location"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecurityGroupChangeResponse"];
                };
            };
            /** @description validation-failed: every bad field in errors[]; no entries; a malformed Idempotency-Key or If-Match */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description not-found: no such group, or another tenant's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description version-mismatch: If-Match is not the resource's current version */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description payload-too-large: the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unsupported-media-type: a body without Content-Type: application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description idempotency-key-reused: the Idempotency-Key came with a different request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    getGroupChanges: {
        parameters: {
            query?: {
                /** @description Recorded at or after (RFC 3339) */
                from?: string;
                /** @description Recorded before (RFC 3339); not before `from` */
                to?: string;
            };
            header?: never;
            path: {
                /**
                 * @description The security group's id
                 * @example sg-0mh2k8q1a7c1d2e3f4a5b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GroupChangeResponse"][];
                };
            };
            /** @description validation-failed: a bad from or to */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description not-found: no such group, or another tenant's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    getGroupEvents: {
        parameters: {
            query?: {
                /** @description First version to return (inclusive; 0 and 1 both mean the first event). Past the end: an empty list. */
                fromVersion?: number;
                /** @description 1–1000, default 1000 */
                limit?: number;
            };
            header?: never;
            path: {
                /**
                 * @description The security group's id
                 * @example sg-0mh2k8q1a7c1d2e3f4a5b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The next page's URL, `<…>; rel="next"`; absent on the last page */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventResponse"][];
                };
            };
            /** @description validation-failed: a bad fromVersion or limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description not-found: no such group, or another tenant's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    getGroupHistory: {
        parameters: {
            query?: {
                /** @description RFC 3339, compared with the times the group shows as createdAt/updatedAt */
                at?: string;
                version?: number;
            };
            header?: never;
            path: {
                /**
                 * @description The security group's id
                 * @example sg-0mh2k8q1a7c1d2e3f4a5b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecurityGroupResponse"];
                };
            };
            /** @description validation-failed: not exactly one of version and at, or a bad value */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description not-found: no such group (or another tenant's), no such version yet, not yet created or already deleted at that time */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    replaceRules: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replaying the key with the same request returns the first response and writes nothing (kept 24 h); 1–255 visible ASCII characters */
                "Idempotency-Key"?: string;
                /** @description The version you read, like "7": 412 version-mismatch when the resource has changed since */
                "If-Match"?: string;
            };
            path: {
                /**
                 * @description The security group's id
                 * @example sg-0mh2k8q1a7c1d2e3f4a5b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReplaceRulesRequest"];
            };
        };
        responses: {
            /** @description Accepted: the new state is shown (read your writes) and the returned operation carries it to the hypervisors */
            202: {
                headers: {
                    /** @description The operation to follow */
                    "Operation-Location"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecurityGroupChangeResponse"];
                };
            };
            /** @description validation-failed: every bad field in errors[] (paths like inboundRules[0].protocol); a malformed Idempotency-Key or If-Match */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description not-found: no such group, or another tenant's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description duplicate-rule (two equal rules in the new set), default-group-immutable */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description version-mismatch: If-Match is not the group's version */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description payload-too-large: the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unsupported-media-type: a body without Content-Type: application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description quota-exceeded: over 200 rules, 1000 addresses or 10,000 entries of the tenant in one hypervisor's desired state (stateEntriesPerHypervisor) (defaults); idempotency-key-reused */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    addRules: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replaying the key with the same request returns the first response and writes nothing (kept 24 h); 1–255 visible ASCII characters */
                "Idempotency-Key"?: string;
                /** @description The version you read, like "7": 412 version-mismatch when the resource has changed since */
                "If-Match"?: string;
            };
            path: {
                /**
                 * @description The security group's id
                 * @example sg-0mh2k8q1a7c1d2e3f4a5b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddRulesRequest"];
            };
        };
        responses: {
            /** @description Accepted: the new state is shown (read your writes) and the returned operation carries it to the hypervisors */
            202: {
                headers: {
                    /** @description The operation to follow */
                    "Operation-Location"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecurityGroupChangeResponse"];
                };
            };
            /** @description validation-failed: every bad field in errors[] (paths like rules[0].ports, rules[1].remote[2]); a malformed Idempotency-Key or If-Match */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description not-found: no such group, or another tenant's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description duplicate-rule (detail names the existing rule id, or the earlier rule of the request), default-group-immutable */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description version-mismatch: If-Match is not the group's version */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description payload-too-large: the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unsupported-media-type: a body without Content-Type: application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description quota-exceeded: over 200 rules in the group, 1000 addresses in the request or 10,000 entries of the tenant in one hypervisor's desired state (stateEntriesPerHypervisor) (defaults); idempotency-key-reused */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    removeRules: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replaying the key with the same request returns the first response and writes nothing (kept 24 h); 1–255 visible ASCII characters */
                "Idempotency-Key"?: string;
                /** @description The version you read, like "7": 412 version-mismatch when the resource has changed since */
                "If-Match"?: string;
            };
            path: {
                /**
                 * @description The security group's id
                 * @example sg-0mh2k8q1a7c1d2e3f4a5b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RemoveRulesRequest"];
            };
        };
        responses: {
            /** @description Accepted: the new state is shown (read your writes) and the returned operation carries it to the hypervisors */
            202: {
                headers: {
                    /** @description The operation to follow */
                    "Operation-Location"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecurityGroupChangeResponse"];
                };
            };
            /** @description validation-failed: ruleIds missing, empty, or not strings; a malformed Idempotency-Key or If-Match */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description not-found: no such group (or another tenant's), or a rule id not in it (errors[] lists each) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description default-group-immutable */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description version-mismatch: If-Match is not the group's version */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description payload-too-large: the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unsupported-media-type: a body without Content-Type: application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description idempotency-key-reused: the Idempotency-Key came with a different request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    removeRule: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replaying the key with the same request returns the first response and writes nothing (kept 24 h); 1–255 visible ASCII characters */
                "Idempotency-Key"?: string;
                /** @description The version you read, like "7": 412 version-mismatch when the resource has changed since */
                "If-Match"?: string;
            };
            path: {
                /**
                 * @description The security group's id
                 * @example sg-0mh2k8q1a7c1d2e3f4a5b
                 */
                id: string;
                /**
                 * @description The rule's id
                 * @example sgr-0mh2k8q1a7c1d2e3f4a5c
                 */
                ruleId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted: the new state is shown (read your writes) and the returned operation carries it to the hypervisors */
            202: {
                headers: {
                    /** @description The operation to follow */
                    "Operation-Location"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecurityGroupChangeResponse"];
                };
            };
            /** @description validation-failed: every bad field in errors[]; a malformed Idempotency-Key or If-Match */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description not-found: no such group (or another tenant's), or no such rule in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description default-group-immutable */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description version-mismatch: If-Match is not the group's version */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description idempotency-key-reused: the Idempotency-Key came with a different request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    listVpcs: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The next page's URL, `<…>; rel="next"`; absent on the last page */
                    Link?: string;
                    /** @description The `cursor` of the next page; absent on the last page */
                    "Next-Cursor"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VpcResponse"][];
                };
            };
            /** @description validation-failed: a bad limit or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    createVpc: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replaying the key with the same request returns the first response and writes nothing (kept 24 h); 1–255 visible ASCII characters */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateVpcRequest"];
            };
        };
        responses: {
            /** @description Created; `Location` names the new resource */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VpcResponse"];
                };
            };
            /** @description validation-failed: every bad field in errors[]; a malformed Idempotency-Key */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description payload-too-large: the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unsupported-media-type: a body without Content-Type: application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description idempotency-key-reused: the Idempotency-Key came with a different request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    getVpc: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The VPC's id
                 * @example vpc-0mh2k8q1a5f3c9e2b1d4a
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VpcResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description not-found: no such VPC, or another tenant's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    deleteVpc: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replaying the key with the same request returns the first response and writes nothing (kept 24 h); 1–255 visible ASCII characters */
                "Idempotency-Key"?: string;
                /** @description The version you read, like "7": 412 version-mismatch when the resource has changed since */
                "If-Match"?: string;
            };
            path: {
                /**
                 * @description The VPC's id
                 * @example vpc-0mh2k8q1a5f3c9e2b1d4a
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description validation-failed: every bad field in errors[]; a malformed Idempotency-Key or If-Match */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unauthorized: no API key, or one that is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description not-found: no such VPC, or another tenant's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description conflict: the VPC still has instances or security groups besides its default one */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description version-mismatch: If-Match is not the resource's current version */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description idempotency-key-reused: the Idempotency-Key came with a different request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description unavailable: Postgres or Redis is unreachable; nothing was written */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
}

/** The route of each operation, by operationId. */
export const ROUTES = {
  addAppliedTo: { method: 'POST', path: '/v1/security-groups/{id}/applied-to' },
  addRules: { method: 'POST', path: '/v1/security-groups/{id}/rules' },
  checkFlow: { method: 'POST', path: '/v1/instances/{id}/flow-check' },
  createSecurityGroup: { method: 'POST', path: '/v1/security-groups' },
  createVpc: { method: 'POST', path: '/v1/vpcs' },
  deleteInstance: { method: 'DELETE', path: '/v1/instances/{id}' },
  deleteSecurityGroup: { method: 'DELETE', path: '/v1/security-groups/{id}' },
  deleteVpc: { method: 'DELETE', path: '/v1/vpcs/{id}' },
  exportFeed: { method: 'GET', path: '/v1/events/export' },
  getAuditPublicKey: { method: 'GET', path: '/v1/audit/public-key' },
  getEffectiveRules: { method: 'GET', path: '/v1/instances/{id}/effective-rules' },
  getGroupChanges: { method: 'GET', path: '/v1/security-groups/{id}/changes' },
  getGroupEvents: { method: 'GET', path: '/v1/security-groups/{id}/events' },
  getGroupHistory: { method: 'GET', path: '/v1/security-groups/{id}/history' },
  getHypervisor: { method: 'GET', path: '/v1/hypervisors/{id}' },
  getInstance: { method: 'GET', path: '/v1/instances/{id}' },
  getOperation: { method: 'GET', path: '/v1/operations/{id}' },
  getPrincipal: { method: 'GET', path: '/v1/me' },
  getQuotas: { method: 'GET', path: '/v1/quotas/{tenant}' },
  getSecurityGroup: { method: 'GET', path: '/v1/security-groups/{id}' },
  getVpc: { method: 'GET', path: '/v1/vpcs/{id}' },
  healthLive: { method: 'GET', path: '/health' },
  healthReady: { method: 'GET', path: '/health/ready' },
  issueStreamTicket: { method: 'POST', path: '/v1/notifications/tickets' },
  listAuditDigests: { method: 'GET', path: '/v1/audit/digests' },
  listFindings: { method: 'GET', path: '/v1/findings' },
  listHypervisors: { method: 'GET', path: '/v1/hypervisors' },
  listInstances: { method: 'GET', path: '/v1/instances' },
  listNotifications: { method: 'GET', path: '/v1/notifications' },
  listOperations: { method: 'GET', path: '/v1/operations' },
  listQueueJobs: { method: 'GET', path: '/v1/queues/{name}/jobs' },
  listQueues: { method: 'GET', path: '/v1/queues' },
  listSecurityGroups: { method: 'GET', path: '/v1/security-groups' },
  listVpcs: { method: 'GET', path: '/v1/vpcs' },
  metrics: { method: 'GET', path: '/metrics' },
  moveInstance: { method: 'PATCH', path: '/v1/instances/{id}' },
  readFeed: { method: 'GET', path: '/v1/events' },
  registerHypervisor: { method: 'PUT', path: '/v1/hypervisors/{id}' },
  registerInstance: { method: 'POST', path: '/v1/instances' },
  removeAppliedTo: { method: 'DELETE', path: '/v1/security-groups/{id}/applied-to' },
  removeRule: { method: 'DELETE', path: '/v1/security-groups/{id}/rules/{ruleId}' },
  removeRules: { method: 'DELETE', path: '/v1/security-groups/{id}/rules' },
  replaceRules: { method: 'PUT', path: '/v1/security-groups/{id}/rules' },
  resetQuotas: { method: 'DELETE', path: '/v1/quotas/{tenant}' },
  resyncHypervisor: { method: 'POST', path: '/v1/hypervisors/{id}/resync' },
  retryOperation: { method: 'POST', path: '/v1/operations/{id}/retry' },
  searchAuditEvents: { method: 'GET', path: '/v1/audit/events' },
  setAppliedTo: { method: 'PUT', path: '/v1/security-groups/{id}/applied-to' },
  setQuotas: { method: 'PUT', path: '/v1/quotas/{tenant}' },
  streamNotifications: { method: 'GET', path: '/v1/notifications/stream' },
  updateSecurityGroup: { method: 'PATCH', path: '/v1/security-groups/{id}' },
} as const;
