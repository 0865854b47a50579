import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { generateGroupName } from '../../../../libs/domain/src/naming/generated-name';
import { call, callAll } from '../api/client';
import type { Direction } from '../api/types';
import { loadInstances, loadVpcs } from '../data';
import { follow } from '../notifications';
import { Link, navigate, useRoute } from '../router';
import { RuleRows } from '../rules/RuleEditor';
import { isValid, newRow, toInput, type RuleRow } from '../rules/rule-form';
import { ErrorNote, PageHeader, useAction, useAsync } from '../ui';

interface TagRow {
  key: string;
  name: string;
  value: string;
}
let tagCounter = 0;

/** "Create security group": Name (a generated default), Applied Instances, Add Tags, the rules. */
export function CreateSecurityGroupPage(): JSX.Element {
  const { query } = useRoute();
  const vpcs = useAsync(loadVpcs, []);
  const [vpcId, setVpcId] = useState(query.get('vpc') ?? '');
  useEffect(() => {
    if (!vpcId && vpcs.data?.length) setVpcId(vpcs.data[0].id);
  }, [vpcs.data]);
  const instances = useAsync(() => (vpcId ? loadInstances(vpcId) : Promise.resolve([])), [vpcId]);
  const groups = useAsync(() => (vpcId ? callAll('listSecurityGroups', { query: { vpcId, limit: 1000 } }).then((list) => ({ vpcId, list })) : Promise.resolve(null)), [vpcId]);
  // One suggestion per VPC, made once its groups' names are known: it must not change under the user's cursor.
  const loadedFor = groups.data?.vpcId === vpcId ? groups.data : null;
  const suggested = useMemo(() => (loadedFor ? generateGroupName(Math.random, new Set(loadedFor.list.map((g) => g.name))) : ''), [loadedFor]);
  const [name, setName] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const [applied, setApplied] = useState<Set<string>>(new Set());
  const [tags, setTags] = useState<TagRow[]>([]);
  const [rules, setRules] = useState<Record<Direction, RuleRow[]>>({ inbound: [], outbound: [] });
  useEffect(() => setApplied(new Set()), [vpcId]);

  const allRows = [...rules.inbound, ...rules.outbound];
  const valid = allRows.every(isValid) && tags.every((t) => t.name.trim() !== '') && vpcId !== '';
  const create = useAction(async () => {
    const groupName = (name ?? suggested).trim();
    const { data } = await call('createSecurityGroup', {
      body: {
        vpcId,
        ...(groupName && { name: groupName }),
        ...(description.trim() && { description: description.trim() }),
        ...(tags.length > 0 && { tags: Object.fromEntries(tags.map((t) => [t.name.trim(), t.value])) }),
        ...(allRows.length > 0 && { rules: allRows.map(toInput) }),
        ...(applied.size > 0 && { applyTo: { instanceIds: [...applied] } }),
      },
    });
    follow(data.operation, `Create Security Group ${data.name}`, data.warnings);
    navigate(`/security-groups?vpc=${encodeURIComponent(vpcId)}`);
  });

  const setRows = (direction: Direction) => (rows: RuleRow[]) => setRules((r) => ({ ...r, [direction]: rows }));
  const submit = (event: Event) => {
    event.preventDefault();
    if (valid) void create.run();
  };

  return (
    <>
      <PageHeader title="Create security group">
        <Link href="/security-groups" class="button secondary">
          Cancel
        </Link>
      </PageHeader>
      {vpcs.data?.length === 0 && (
        <p class="notice">
          A security group belongs to a VPC, and there is none yet. <Link href="/vpcs">Create a VPC</Link> first.
        </p>
      )}
      <form class="form" onSubmit={submit} noValidate>
        <section class="card" aria-labelledby="basics">
          <h2 id="basics">Basic information</h2>
          <div class="form-grid">
            <div class="field">
              <label for="vpc">VPC</label>
              <select id="vpc" value={vpcId} required onChange={(e) => setVpcId((e.currentTarget as HTMLSelectElement).value)}>
                {(vpcs.data ?? []).map((v) => (
                  <option value={v.id} key={v.id}>
                    {v.name} {v.cidr ? `(${v.cidr})` : ''}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="name">Name</label>
              <input id="name" value={name ?? suggested} maxLength={255} autocomplete="off" spellcheck={false} aria-describedby="name-hint" onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />
              <p class="hint" id="name-hint">
                The system automatically generates a default name for quick setup.
              </p>
            </div>
            <div class="field span-2">
              <label for="description">Description</label>
              <input id="description" value={description} maxLength={255} placeholder="Optional" onInput={(e) => setDescription((e.currentTarget as HTMLInputElement).value)} />
            </div>
          </div>
        </section>

        <section class="card" aria-labelledby="applied-instances">
          <h2 id="applied-instances">Applied Instances</h2>
          <p class="hint">Select the GPU VM name to associate it with the Security Group.</p>
          {instances.data?.length === 0 ? (
            <p class="muted">
              This VPC has no instances yet. <Link href="/instances">Register one</Link>, or apply the group later.
            </p>
          ) : (
            <ul class="checklist" aria-labelledby="applied-instances">
              {(instances.data ?? []).map((i) => (
                <li key={i.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={applied.has(i.id)}
                      onChange={(e) => {
                        const next = new Set(applied);
                        if ((e.currentTarget as HTMLInputElement).checked) next.add(i.id);
                        else next.delete(i.id);
                        setApplied(next);
                      }}
                    />{' '}
                    {i.name} <span class="muted">{[i.ipv4, i.ipv6].filter(Boolean).join(', ')} · {i.hypervisorId}</span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section class="card" aria-labelledby="tags">
          <div class="section-head">
            <h2 id="tags">Tags</h2>
            <button type="button" class="button secondary small" onClick={() => setTags([...tags, { key: `tag-${++tagCounter}`, name: '', value: '' }])}>
              Add Tags
            </button>
          </div>
          <p class="hint">Optional, for better resource organization.</p>
          {tags.map((t, index) => (
            <div class="tag-row" key={t.key}>
              <div class="field">
                <label for={`${t.key}-name`}>Tag key {index + 1}</label>
                <input id={`${t.key}-name`} value={t.name} maxLength={128} onInput={(e) => setTags(tags.map((x) => (x.key === t.key ? { ...x, name: (e.currentTarget as HTMLInputElement).value } : x)))} />
              </div>
              <div class="field">
                <label for={`${t.key}-value`}>Tag value {index + 1}</label>
                <input id={`${t.key}-value`} value={t.value} maxLength={256} onInput={(e) => setTags(tags.map((x) => (x.key === t.key ? { ...x, value: (e.currentTarget as HTMLInputElement).value } : x)))} />
              </div>
              <button type="button" class="icon-button" aria-label={`Remove tag ${index + 1}`} onClick={() => setTags(tags.filter((x) => x.key !== t.key))}>
                ×
              </button>
            </div>
          ))}
        </section>

        {(['inbound', 'outbound'] as const).map((direction) => (
          <section class="card" aria-labelledby={`${direction}-rules`} key={direction}>
            <div class="section-head">
              <h2 id={`${direction}-rules`}>{direction === 'inbound' ? 'Inbound Rules' : 'Outbound Rules'}</h2>
              <button type="button" class="button secondary small" onClick={() => setRows(direction)([...rules[direction], newRow(direction)])}>
                Add New
              </button>
            </div>
            <p class="hint">
              {direction === 'inbound'
                ? 'Control incoming traffic to the instance: which ports are open, and which IP addresses can access them (Source).'
                : 'Control outgoing traffic from the instance: which ports can send traffic out, and to which destination addresses.'}
            </p>
            <RuleRows direction={direction} rows={rules[direction]} onChange={setRows(direction)} />
          </section>
        ))}

        <ErrorNote error={create.error} prefix="The security group was not created:" />
        <div class="form-actions">
          <button type="submit" class="button primary" disabled={!valid || create.busy}>
            Create Security Group
          </button>
        </div>
      </form>
    </>
  );
}
