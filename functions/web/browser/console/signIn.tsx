/** The sign-in screen: paste a token, or (local platform only) pick a demo user. Uses ./session.ts only. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { ConsoleSignIn } from '../pageData';
import { demoUsers, signInAsDemoUser, signInWithToken, startSignIn, TOKEN_SHAPE, type DemoUser, type SignOutReason } from '../session';

export function SignIn({ reason, params, signIn }: { reason: SignOutReason | undefined; params: URLSearchParams; signIn?: ConsoleSignIn | undefined }) {
  const [oidcError, setOidcError] = useState('');
  const [token, setToken] = useState('');
  const [tokenError, setTokenError] = useState('');
  const [users, setUsers] = useState<DemoUser[]>([]);
  const [demoUser, setDemoUser] = useState('');
  const [demoError, setDemoError] = useState('');
  const message = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    void demoUsers().then((list) => {
      setUsers(list);
      setDemoUser(list[0]?.userId ?? '');
    });
  }, []);
  useEffect(() => {
    if (reason) message.current?.focus();
  }, [reason]);

  const caseId = params.get('case');
  const groups = new Map<string, DemoUser[]>();
  for (const user of users) {
    const key = user.estates === '*' ? t('console.shell.groupWide') : user.estates;
    groups.set(key, [...(groups.get(key) ?? []), user]);
  }

  return (
    <section aria-labelledby="signin-title">
      <h1 id="signin-title">{t('console.signIn.title')}</h1>
      {reason && (
        <p class="message" role="status" tabIndex={-1} ref={message}>
          {reason === 'signed-out' ? t('console.signIn.signedOut') : t('console.signIn.rejected')}
        </p>
      )}
      {caseId && <p class="notice">{t('console.signIn.afterSignIn', { reference: caseId })}</p>}
      {signIn && (
        <section class="procedure" aria-labelledby="oidc-title">
          <h2 id="oidc-title">{t('console.signIn.oidcTitle')}</h2>
          <p>{t('console.signIn.oidcIntro')}</p>
          {oidcError && <p class="field-error">{oidcError}</p>}
          <button id="oidc-sign-in" type="button" onClick={() => void startSignIn(signIn).catch(() => setOidcError(t('console.signIn.oidcFailed')))}>
            {t('console.signIn.oidcSubmit')}
          </button>
        </section>
      )}
      <p>{t('console.signIn.intro')}</p>
      {users.length > 0 && (
        <section class="procedure" aria-labelledby="demo-title">
          <h2 id="demo-title">{t('console.signIn.demoTitle')}</h2>
          <p>{t('console.signIn.demoIntro')}</p>
          <form
            id="demo-form"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              setDemoError('');
              void signInAsDemoUser(demoUser).then((ok) => ok || setDemoError(t('console.signIn.demoFailed')));
            }}
          >
            <div class="field">
              <label for="demo-user">{t('console.signIn.demoLabel')}</label>
              {demoError && (
                <p class="field-error" id="demo-error">
                  {demoError}
                </p>
              )}
              <select id="demo-user" value={demoUser} onChange={(event) => setDemoUser((event.currentTarget).value)} aria-describedby={demoError ? 'demo-error' : undefined}>
                {[...groups.entries()].map(([group, members]) => (
                  <optgroup key={group} label={group}>
                    {members.map((user) => (
                      <option key={user.userId} value={user.userId}>
                        {`${user.name} — ${t(`roles.${user.role}`)} (${user.userId})`}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </div>
            <button type="submit">{t('console.signIn.demoSubmit')}</button>
          </form>
        </section>
      )}
      <form
        id="token-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const value = token.trim().replace(/^Bearer\s+/i, '');
          const problem = !value ? t('console.signIn.tokenRequired') : TOKEN_SHAPE.test(value) ? '' : t('console.signIn.tokenMalformed');
          setTokenError(problem);
          if (problem) {
            document.getElementById('token')?.focus();
            return;
          }
          setToken('');
          signInWithToken(value);
        }}
      >
        <div class={tokenError ? 'field has-error' : 'field'}>
          <label for="token">{t('console.signIn.tokenLabel')}</label>
          <p class="hint" id="token-hint">
            {t('console.signIn.tokenHint')}
          </p>
          {tokenError && (
            <p class="field-error" id="token-error">
              {tokenError}
            </p>
          )}
          <textarea
            id="token"
            name="token"
            rows={3}
            autocomplete="off"
            spellcheck={false}
            value={token}
            onInput={(event) => setToken((event.currentTarget).value)}
            aria-describedby={tokenError ? 'token-hint token-error' : 'token-hint'}
            aria-invalid={tokenError ? 'true' : undefined}
          />
        </div>
        <button type="submit">{t('console.signIn.submit')}</button>
      </form>
    </section>
  );
}
