// The cloud's "authorize" step (cloud-api.md §3.1): shown when ECS answers KMSUnauthorized for a CMK.
// It creates the service role AliyunECSDiskEncryptDefaultRole with its trust policy (Ram CreateRole,
// unless GetRole finds it) and attaches AliyunECSDiskEncryptRolePolicy (AttachPolicyToRole), then retries.
import { Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { CloudErrorNote } from '../errors/CloudErrorNote';
import type { EcsClient } from './ecs-client';
import { createEcsAction } from './ecs-action';

export const ROLE_NAME = 'AliyunECSDiskEncryptDefaultRole';
export const ROLE_POLICY = 'AliyunECSDiskEncryptRolePolicy';
const TRUST_POLICY = { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: ['ecs.aliyuncs.com'] } }], Version: '1' };

/** Creates the role if missing and attaches its policy if missing; the same RAM calls a person could make. */
export async function authorizeEcsRole(client: EcsClient): Promise<void> {
  let hasRole = true;
  try {
    await client.ram('GetRole', { RoleName: ROLE_NAME });
  } catch (error) {
    if ((error as { Code?: string }).Code !== 'EntityNotExist.Role') throw error;
    hasRole = false;
  }
  if (!hasRole) {
    await client.ram('CreateRole', { RoleName: ROLE_NAME, AssumeRolePolicyDocument: JSON.stringify(TRUST_POLICY), Description: 'ECS will use this role to access your resources in other services.' });
  }
  const policies = (await client.ram('ListPoliciesForRole', { RoleName: ROLE_NAME })).Policies as { Policy?: { PolicyName: string }[] } | undefined;
  if (!policies?.Policy?.some((p) => p.PolicyName === ROLE_POLICY)) {
    await client.ram('AttachPolicyToRole', { PolicyType: 'System', PolicyName: ROLE_POLICY, RoleName: ROLE_NAME });
  }
}

export function AuthorizeStep(props: { client: EcsClient; onAuthorized(): void; onCancel(): void }) {
  const { t } = useI18n();
  const action = createEcsAction();
  const authorize = async () => {
    const done = await action.run(() => authorizeEcsRole(props.client));
    if (done) props.onAuthorized();
  };
  return (
    <section class="notice ecs-authorize" role="region" aria-labelledby="ecs-authorize-title" data-testid="authorize-step">
      <h3 id="ecs-authorize-title">{t('ecs.authorize.title')}</h3>
      <p>{t('ecs.authorize.body')}</p>
      <ul class="ecs-small">
        <li><code>{ROLE_NAME}</code> — {t('ecs.authorize.role')}</li>
        <li><code>{ROLE_POLICY}</code> — {t('ecs.authorize.policy')}</li>
      </ul>
      <Show when={action.error()}>{(error) => <CloudErrorNote error={error()} />}</Show>
      <div class="kms-actions">
        <button type="button" class="button" disabled={action.isBusy()} onClick={() => void authorize()} data-testid="authorize">
          {action.isBusy() ? t('ecs.working') : t('ecs.authorize.submit')}
        </button>
        <button type="button" class="button button--quiet" disabled={action.isBusy()} onClick={() => props.onCancel()}>{t('common.cancel')}</button>
      </div>
    </section>
  );
}
