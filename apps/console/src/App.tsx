import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { stream, Toasts } from './notifications';
import { CreateSecurityGroupPage } from './pages/CreateSecurityGroup';
import { HistoryPage } from './pages/History';
import { HypervisorsPage } from './pages/Hypervisors';
import { InstancesPage } from './pages/Instances';
import { OperationsPage } from './pages/Operations';
import { QueuesPage } from './pages/Queues';
import { SecurityGroupDetailsPage } from './pages/SecurityGroupDetails';
import { SecurityGroupsPage } from './pages/SecurityGroups';
import { SignInPage } from './pages/SignIn';
import { VpcsPage } from './pages/Vpcs';
import { Link, navigate, useRoute } from './router';
import { isOperator, session, signOut, type Session } from './session';
import { useStore } from './store';
import { PageHeader } from './ui';

export function App(): JSX.Element {
  const me = useStore(session);
  useEffect(() => {
    if (!me) return;
    void stream.start();
    return () => stream.stop();
  }, [me?.key]);
  if (!me) return <SignInPage />;
  return <Shell me={me} />;
}

const MENU: { section: string; operatorOnly?: boolean; items: { href: string; label: string }[] }[] = [
  {
    section: 'Networking',
    items: [
      { href: '/vpcs', label: 'VPC' },
      { href: '/instances', label: 'Instances' },
      { href: '/security-groups', label: 'Security Group' },
    ],
  },
  { section: 'Activity', items: [{ href: '/operations', label: 'Operations' }] },
  {
    section: 'Platform',
    operatorOnly: true,
    items: [
      { href: '/hypervisors', label: 'Hypervisors' },
      { href: '/queues', label: 'Queues' },
    ],
  },
];

function Shell(props: { me: Session }): JSX.Element {
  const { path } = useRoute();
  const live = useStore(stream.state);
  const operator = isOperator(props.me);
  const { tenant, role } = props.me.principal;
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <Link href="/security-groups" class="brand">
          GPU Cloud <span>Console</span>
        </Link>
        <div class="topbar-right">
          <span class={`live live-${live}`} title="Result notifications arrive over a live stream">
            {live === 'live' ? 'Live' : live === 'connecting' ? 'Connecting…' : 'Offline'}
          </span>
          <span class="who" aria-label={`Signed in to tenant ${tenant} as ${role}`}>
            Tenant <strong>{tenant}</strong> · <span class={`role role-${role}`}>{role}</span>
          </span>
          <button type="button" class="button secondary small" onClick={() => signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <nav class="sidebar" aria-label="Main">
        {MENU.filter((m) => !m.operatorOnly || operator).map((m) => (
          <div class="nav-section" key={m.section}>
            <p class="nav-title" id={`nav-${m.section}`}>
              {m.section}
            </p>
            <ul aria-labelledby={`nav-${m.section}`}>
              {m.items.map((item) => {
                const current = path === item.href || path.startsWith(`${item.href}/`);
                return (
                  <li key={item.href}>
                    <Link href={item.href} aria-current={current ? 'page' : undefined}>
                      {item.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </nav>
      <main id="main" class="content">
        <Page path={path} operator={operator} />
      </main>
      <Toasts />
    </div>
  );
}

function Page(props: { path: string; operator: boolean }): JSX.Element {
  const { path } = props;
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  useEffect(() => {
    if (segments.length === 0) navigate('/security-groups', { replace: true });
  }, [path]);
  const [first, second, third] = segments;
  if (first === 'security-groups') {
    if (!second) return <SecurityGroupsPage />;
    if (second === 'new') return <CreateSecurityGroupPage />;
    if (third === 'history') return <HistoryPage groupId={second} />;
    if (!third) return <SecurityGroupDetailsPage groupId={second} key={second} />;
  }
  if (first === 'vpcs' && !second) return <VpcsPage />;
  if (first === 'instances' && !second) return <InstancesPage />;
  if (first === 'operations') return <OperationsPage selected={second ?? null} />;
  if (props.operator && first === 'hypervisors' && !second) return <HypervisorsPage />;
  if (props.operator && first === 'queues') return <QueuesPage queue={second ?? null} state={third ?? null} />;
  if (segments.length === 0) return <div />;
  return (
    <>
      <PageHeader title="Page not found" />
      <p>
        There is no page at this address. <Link href="/security-groups">Go to the security groups</Link>.
      </p>
    </>
  );
}
