// The action router: (product, action, params) → response or error, for the JS API, the terminal
// and (later) postMessage (issue 4 §1). Products are matched case-insensitively ("Kms", "Lab"),
// actions exactly; parameters are validated by each action's schema (params.ts); RegionId is the
// common parameter; every response and error carries an uppercase UUID RequestId; every call is audited.
import type { AuditLog } from '../audit/audit-log';
import type { CallerIdentity } from '../audit/types';
import { CloudError } from '../errors';
import { invalidParameter } from './codes';
import { runAudited, rootCaller, toApiError, type AuditFailure, type CallContext } from './context';
import { parseParams, type ParamSchema, type Params } from './params';
import { DEFAULT_REGION_ID, REGION_IDS } from './regions';

export interface ActionDefinition {
  description: string;
  params: ParamSchema;
  run(ctx: CallContext, params: Params): Promise<Record<string, unknown>>;
}

export interface ProductDefinition {
  /** As the CLI names it: 'Kms', 'Ecs', 'Ram', 'Oos', 'Lab'. */
  name: string;
  description: string;
  actions: Record<string, ActionDefinition>;
}

export interface RouterOptions {
  audit: AuditLog;
  /** The lab's current account (Lab SwitchAccount). */
  currentAccountId(): string;
  /** The region chosen in the header; DEFAULT_REGION_ID until the chooser exists. */
  defaultRegionId?(): string;
  /** New request ids (uppercased here). */
  newId(): string;
  /** A read-only call whose audit record could not be written still answers; this hears about it. */
  onAuditFailure?(failure: AuditFailure): void;
}

export interface CallOptions {
  /** Default: the current account's root identity. */
  caller?: CallerIdentity;
}

export type ApiResponse = Record<string, unknown> & { RequestId: string };

const REGION_PATTERN = new Set<string>(REGION_IDS);

export class ActionRouter {
  private readonly products = new Map<string, ProductDefinition>();

  constructor(private readonly options: RouterOptions) {}

  register(product: ProductDefinition): void {
    this.products.set(product.name.toLowerCase(), product);
  }

  listProducts(): ProductDefinition[] {
    return [...this.products.values()];
  }

  findProduct(name: string): ProductDefinition | undefined {
    return this.products.get(name.toLowerCase());
  }

  /** Resolves with the response (RequestId added) or rejects with an ApiError {Code, HttpStatus, Message, RequestId}. */
  async call(product: string, action: string, params?: unknown, callOptions: CallOptions = {}): Promise<ApiResponse> {
    const accountId = this.options.currentAccountId();
    const productDef = typeof product === 'string' ? this.findProduct(product) : undefined;
    const ctx: CallContext = {
      requestId: this.options.newId().toUpperCase(),
      accountId,
      regionId: this.options.defaultRegionId?.() ?? DEFAULT_REGION_ID,
      caller: callOptions.caller ?? rootCaller(accountId),
      product: productDef?.name ?? String(product),
      action: String(action),
      eventType: 'ApiCall',
      audit: {},
      isRecorded: false,
    };
    try {
      const response = await runAudited(this.options.audit, ctx, async () => {
        if (!productDef) {
          throw new CloudError('InvalidAction.NotFound', { params: { product: String(product), action: String(action), hint: `Products: ${this.listProducts().map((p) => p.name).join(', ')}.` } });
        }
        const def = Object.prototype.hasOwnProperty.call(productDef.actions, action) ? productDef.actions[action] : undefined;
        if (!def) {
          const near = Object.keys(productDef.actions).find((a) => a.toLowerCase() === String(action).toLowerCase());
          const hint = near ? `Action names are case-sensitive: did you mean ${near}?` : `See --help for ${productDef.name}'s actions.`;
          throw new CloudError('InvalidAction.NotFound', { params: { product: productDef.name, action: String(action), hint } });
        }
        ctx.regionId = this.regionOf(params, ctx.regionId);
        return def.run(ctx, parseParams(def.params, params));
      }, (failure) => this.options.onAuditFailure?.(failure));
      return { ...response, RequestId: ctx.requestId };
    } catch (error) {
      throw toApiError(error as CloudError);
    }
  }

  private regionOf(params: unknown, fallback: string): string {
    if (typeof params !== 'object' || params === null || !Object.prototype.hasOwnProperty.call(params, 'RegionId')) return fallback;
    const region = (params as Record<string, unknown>).RegionId;
    if (region === undefined || region === null || region === '') return fallback;
    if (typeof region !== 'string' || !REGION_PATTERN.has(region)) {
      throw invalidParameter('RegionId', `expected a region id such as ${DEFAULT_REGION_ID}, got ${JSON.stringify(region)}`);
    }
    return region;
  }
}
