import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { signIn, signInNotice } from '../session';
import { useStore } from '../store';
import { ErrorNote } from '../ui';

export function SignInPage(): JSX.Element {
  const [key, setKey] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const notice = useStore(signInNotice);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    document.title = 'Sign in · Security Groups';
    input.current?.focus();
  }, []);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!key.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await signIn(key.trim());
    } catch (e) {
      setError(e as Error);
      setBusy(false);
    }
  };
  return (
    <main class="sign-in">
      <form class="card sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <p class="brand">
          GPU Cloud <span>Console</span>
        </p>
        <h1 id="sign-in-title">Sign in</h1>
        <p class="hint">Security groups, VPCs and instances of your tenant. Sign in with an API key; it stays in this browser tab only.</p>
        {notice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        <div class="field">
          <label for="api-key">API key</label>
          <input id="api-key" ref={input} type="password" autocomplete="off" spellcheck={false} required value={key} onInput={(e) => setKey((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <ErrorNote error={error} prefix="Could not sign in:" />
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
