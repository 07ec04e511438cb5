// The "Lab" product (issue 4 §1): the lab's own controls in plain JSON — GetClock, AdvanceClock
// (everything due has happened when it returns), Reset (an empty lab, as on a first visit),
// ListAccounts (two accounts with 16-digit ids), SwitchAccount, GetRegion / SwitchRegion (the region
// chosen in the header: every action's default RegionId). The state (clock offset, current account,
// current region) is persisted through LabStateStore and shared by the lab's tabs.
import { missingParameter, invalidParameter } from '../api/codes';
import type { ProductDefinition } from '../api/router';
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_SECOND, toIsoSeconds, type LabClock } from '../clock';
import { DEFAULT_REGION_ID, isRegionId } from '../api/regions';

export const LAB_ACCOUNTS = [
  { AccountId: '1642381209784201', AccountName: 'lab-main' },
  { AccountId: '1976043571238805', AccountName: 'lab-partner' },
] as const;

export interface LabState {
  clockOffsetMs: number;
  currentAccountId: string;
  /** Absent in state saved before regions were lab state: the default region. */
  currentRegionId?: string;
}

export interface LabStateStore {
  load(): Promise<LabState | undefined>;
  save(state: LabState): Promise<void>;
}

export class MemoryLabStateStore implements LabStateStore {
  state: LabState | undefined;
  async load() { return this.state && { ...this.state }; }
  async save(state: LabState) { this.state = { ...state }; }
}

export interface LabOptions {
  clock: LabClock;
  store: LabStateStore;
  /** Run after the clock moves: each brings its product up to lab time (KMS: processDue). */
  dueProcessors: (() => Promise<void>)[];
  /** Run by Reset: each empties its product's stores (KMS, audit, disks…). */
  resetters: (() => Promise<void>)[];
}

export class LabControls {
  private accountId: string = LAB_ACCOUNTS[0].AccountId;
  private regionId: string = DEFAULT_REGION_ID;

  constructor(private readonly options: LabOptions) {}

  /** Loads the current account. The clock is created by the caller with the stored offset:
   *  createLabClock({ offsetMs: (await store.load())?.clockOffsetMs }). */
  async load(): Promise<void> {
    const state = await this.options.store.load();
    if (state && LAB_ACCOUNTS.some((a) => a.AccountId === state.currentAccountId)) this.accountId = state.currentAccountId;
    this.regionId = state?.currentRegionId && isRegionId(state.currentRegionId) ? state.currentRegionId : DEFAULT_REGION_ID;
  }

  currentRegionId(): string {
    return this.regionId;
  }

  currentAccountId(): string {
    return this.accountId;
  }

  private save(): Promise<void> {
    return this.options.store.save({ clockOffsetMs: this.options.clock.offsetMs, currentAccountId: this.accountId, currentRegionId: this.regionId });
  }

  product(): ProductDefinition {
    const clock = this.options.clock;
    const count = (description: string) => ({ type: 'integer' as const, min: 0, max: 36_500 * 24 * 3600, description });
    return {
      name: 'Lab',
      description: "The lab's own controls: the lab clock, accounts, the current region, reset.",
      actions: {
        GetClock: { description: 'Returns the lab time.', params: {}, run: async () => ({ Now: toIsoSeconds(clock.nowMs()) }) },
        AdvanceClock: {
          description: 'Moves the lab clock forward; rotation, deletion and expiry that fall due have happened on return.',
          params: { Days: count('Days to add.'), Hours: count('Hours to add.'), Seconds: count('Seconds to add.') },
          run: async (_ctx, p) => {
            if (p.Days === undefined && p.Hours === undefined && p.Seconds === undefined) throw missingParameter('Days');
            const ms = ((p.Days as number) ?? 0) * MS_PER_DAY + ((p.Hours as number) ?? 0) * MS_PER_HOUR + ((p.Seconds as number) ?? 0) * MS_PER_SECOND;
            if (ms > 100 * 365 * MS_PER_DAY) throw invalidParameter('Days', 'expected at most 100 years in one step');
            clock.advance(ms);
            await this.save();
            for (const run of this.options.dueProcessors) await run();
            return { Now: toIsoSeconds(clock.nowMs()) };
          },
        },
        Reset: {
          description: 'Empties the lab (keys, disks, audit trail, clock, account), as on a first visit.',
          params: {},
          run: async () => {
            for (const reset of this.options.resetters) await reset();
            clock.reset();
            this.accountId = LAB_ACCOUNTS[0].AccountId;
            this.regionId = DEFAULT_REGION_ID;
            await this.save();
            return {};
          },
        },
        ListAccounts: {
          description: 'Lists the two lab accounts.',
          params: {},
          run: async () => ({ Accounts: LAB_ACCOUNTS.map((a) => ({ ...a, Current: a.AccountId === this.accountId })) }),
        },
        GetRegion: {
          description: 'Returns the current region: the default RegionId of every action.',
          params: {},
          run: async () => ({ RegionId: this.regionId }),
        },
        SwitchRegion: {
          // RegionId is the router's common parameter (validated there); here it names the new region.
          description: "Makes the given RegionId the current region (the header's region chooser): --RegionId ap-northeast-1.",
          params: {},
          run: async (ctx) => {
            if (!isRegionId(ctx.regionId)) throw invalidParameter('RegionId', `expected a region id such as ${DEFAULT_REGION_ID}`);
            this.regionId = ctx.regionId;
            await this.save();
            return { RegionId: this.regionId };
          },
        },
        SwitchAccount: {
          description: 'Makes another lab account current.',
          params: { AccountId: { type: 'string', isRequired: true, pattern: /^\d{16}$/, patternText: 'a 16-digit account id', description: 'The account id (ListAccounts).' } },
          run: async (_ctx, p) => {
            if (!LAB_ACCOUNTS.some((a) => a.AccountId === p.AccountId)) throw invalidParameter('AccountId', `expected one of ${LAB_ACCOUNTS.map((a) => a.AccountId).join(', ')}`);
            this.accountId = p.AccountId as string;
            await this.save();
            return { AccountId: this.accountId };
          },
        },
      },
    };
  }
}
