// The frame every ECS detail page shares (disk, snapshot, image, instance): the back link, the title,
// the load error, "does not exist", and the resource's own content once it is loaded.
import { Show, type Accessor, type JSX } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { CloudErrorNote } from '../errors/CloudErrorNote';
import type { ErrorBody } from '../errors/error-body';

export interface DetailFrameProps<T> {
  testId: string;
  /** Extra classes beside "ecs-detail". */
  class?: string;
  /** The title's element id (the section is labelled by it). */
  titleId: string;
  backHref: string;
  backLabel: string;
  title: string;
  /** The last load's error. */
  error: ErrorBody | undefined;
  /** undefined while loading, null when it does not exist. */
  item: T | null | undefined;
  /** The id asked for (for "does not exist"). */
  resourceId: string;
  children: (item: Accessor<NonNullable<T>>) => JSX.Element;
}

export function DetailFrame<T>(props: DetailFrameProps<T>) {
  const { t } = useI18n();
  return (
    <section class={props.class ? `ecs-detail ${props.class}` : 'ecs-detail'} aria-labelledby={props.titleId} data-testid={props.testId}>
      <p><a href={props.backHref}>{props.backLabel}</a></p>
      <h2 id={props.titleId} tabindex="-1">{props.title}</h2>
      <Show when={props.error}>{(error) => <CloudErrorNote error={error()} />}</Show>
      <Show when={props.item === null}><p class="muted" data-testid="not-found">{t('ecs.notFound', { id: props.resourceId })}</p></Show>
      <Show when={props.item}>{(item) => props.children(item)}</Show>
    </section>
  );
}
