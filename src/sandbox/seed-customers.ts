/** Seeded customers (tenants, "users"): `internalId` is the tenant key, `tenant-0001` … */

import { COMPANY_NAMES, PLANS, REGIONS, variantLabel } from './seed-catalog.js';
import { DATE_MAX, DATE_MIN, iso, type SeedRandom } from './seed-random.js';
import type { WireCustomer } from './types.js';

const DAY = 86_400_000;

export interface SeededCustomers {
  customers: WireCustomer[];
  /** Index of the archived customer that owns the showcase flow. */
  showcaseIndex: number;
}

function makeCustomer(index: number, name: string, rng: SeedRandom): WireCustomer {
  const created = rng.timeBetween(DATE_MIN + 10 * DAY, DATE_MAX - 200 * DAY);
  const customer: WireCustomer = {
    id: rng.objectId(created),
    name,
    internalId: `tenant-${String(index + 1).padStart(4, '0')}`,
    createdAt: iso(created),
    isTest: false,
    isActive: true,
    isBillable: rng.chance(0.8),
  };
  if (rng.chance(0.85)) {
    customer.fields = {
      plan: rng.pick(PLANS),
      region: rng.pick(REGIONS),
      seats: rng.int(1, 400),
    };
  }
  if (rng.chance(0.4)) {
    customer.meta = { crmAccountId: `acc_${rng.hex(10)}` };
  }
  if (rng.chance(0.8)) {
    customer.lastActiveAt = iso(rng.timeBetween(created, DATE_MAX, 0.5));
  }
  if (rng.chance(0.2)) {
    customer.credentials = { apiKey: `sk_live_${rng.hex(24)}` };
  }
  const limit = rng.next();
  if (limit < 0.3) {
    customer.aiCreditsRolling30DayLimit = rng.pick([500, 1000, 5000]);
  } else if (limit < 0.45) {
    customer.aiCreditsRolling30DayLimit = null;
  }
  return customer;
}

/**
 * `count` customers. Customer 0 is always an active, billable, non-test tenant (the sandbox's
 * default tenant); a few others are test tenants, inactive, or archived.
 */
export function seedCustomers(count: number, rng: SeedRandom): SeededCustomers {
  const names = rng.shuffle(COMPANY_NAMES);
  const customers: WireCustomer[] = [];
  for (let i = 0; i < count; i += 1) {
    const base = names[i % names.length] ?? 'Tenant';
    customers.push(
      makeCustomer(
        i,
        variantLabel(base, ['II', 'III', 'IV', 'V'], Math.floor(i / names.length)),
        rng,
      ),
    );
  }
  const first = customers[0];
  if (first) {
    first.isBillable = true;
  }
  const archived = Math.max(1, Math.round(count * 0.04));
  const tests = Math.max(1, Math.round(count * 0.12));
  const inactive = Math.max(1, Math.round(count * 0.08));
  const roles = rng.sampleIndexes(1, count, archived + tests + inactive);
  roles.forEach((index, i) => {
    const customer = customers[index];
    if (!customer) {
      return;
    }
    if (i < archived) {
      customer.isActive = false;
      customer.archivedAt = iso(rng.timeBetween(Date.parse(customer.createdAt ?? ''), DATE_MAX));
    } else if (i < archived + tests) {
      customer.isTest = true;
      customer.isBillable = false;
    } else {
      customer.isActive = false;
    }
  });
  return { customers, showcaseIndex: roles[0] ?? 0 };
}
