// CreateImage from an instance (issue 6; cloud-api.md §2.5): a snapshot of its system disk, then a
// custom image — encrypted under the same key when the system disk is. Running or Stopped.
import { Show, createSignal, createUniqueId } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { CloudErrorNote } from '../errors/CloudErrorNote';
import { createEcsAction } from './ecs-action';
import type { EcsClient } from './ecs-client';
import { ecsHref } from './ecs-route';
import { canDo } from './instance-rules';

export function InstanceCreateImageForm(props: { client: EcsClient; instanceId: string; status: string; regionId?: string }) {
  const { t } = useI18n();
  const id = createUniqueId();
  const [name, setName] = createSignal('');
  const [imageId, setImageId] = createSignal<string>();
  const action = createEcsAction();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setImageId(undefined);
    const done = await action.run(() => props.client.ecs('CreateImage', { InstanceId: props.instanceId, ...(name().trim() ? { ImageName: name().trim() } : {}) }, props.regionId));
    if (done) setImageId(String(done.value.ImageId));
  };
  return (
    <form class="panel kms-inline-form instance-image" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)} data-testid="create-image-form">
      <h3 id={`${id}-title`}>{t('instances.image.title')}</h3>
      <p class="ecs-small">{t('instances.image.intro')}</p>
      <label for={`${id}-name`}>{t('ecs.image.name')}</label>
      <input id={`${id}-name`} value={name()} onInput={(e) => setName(e.currentTarget.value)} data-testid="image-name" />
      <button type="submit" class="button" disabled={action.isBusy() || !canDo('createImage', props.status)} data-testid="create-image">{t('ecs.image.create')}</button>
      <Show when={action.error()}>{(error) => <CloudErrorNote error={error()} testId="create-image-error" />}</Show>
      <Show when={imageId()}>
        {(image) => <p role="status" data-testid="image-started" data-image-id={image()}>{t('ecs.image.started')} <a href={ecsHref('images', image(), { region: props.regionId })}><code>{image()}</code></a></p>}
      </Show>
    </form>
  );
}
