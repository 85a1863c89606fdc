// Deterministic QuickBooks Online data for the simulator: customers (the
// MSP's clients), monthly invoices from a start month to `now`, and the
// ledger a Profit and Loss report is built from. Every (client, month) draws
// from its own seeded stream, so moving `now` never changes earlier months.

import { createRng, hashSeed } from './random';

export type QbDataOptions = {
  clients: readonly string[];
  seed?: number;
  /** First month with data, `YYYY-MM` (default 2023-01). */
  startMonth?: string;
  now?: Date;
};

export type Account = { id: string; name: string; group: 'Income' | 'COGS' | 'Expenses'; parent?: { id: string; name: string } };

/** The chart of accounts the simulator posts to; names follow a typical MSP set-up. */
export const ACCOUNTS = {
  managed: { id: '81', name: 'Managed Services Revenue', group: 'Income' },
  project: { id: '82', name: 'Project Services', group: 'Income' },
  hardware: { id: '83', name: 'Hardware Resale', group: 'Income' },
  cloud: { id: '84', name: 'Cloud Subscriptions', group: 'Income' },
  misc: { id: '85', name: 'Miscellaneous Income', group: 'Income' },
  hardwareCost: { id: '90', name: 'Cost of Hardware Sold', group: 'COGS' },
  licenceCost: { id: '91', name: 'Software Licenses (resale)', group: 'COGS' },
  wages: { id: '601', name: 'Wages', group: 'Expenses', parent: { id: '60', name: 'Payroll Expenses' } },
  payrollTaxes: { id: '602', name: 'Payroll Taxes', group: 'Expenses', parent: { id: '60', name: 'Payroll Expenses' } },
  ownerComp: { id: '62', name: 'Owner Compensation', group: 'Expenses' },
  ownerTaxes: { id: '63', name: 'Owner Payroll Taxes', group: 'Expenses' },
  tools: { id: '61', name: 'Software & Tools', group: 'Expenses' },
  rent: { id: '17', name: 'Rent or Lease', group: 'Expenses' },
} as const satisfies Record<string, Account>;
export type AccountKey = keyof typeof ACCOUNTS;

const ITEMS: Partial<Record<AccountKey, { id: string; name: string }>> = {
  managed: { id: '1', name: 'Managed Services' },
  project: { id: '2', name: 'Project Services' },
  hardware: { id: '3', name: 'Hardware' },
  cloud: { id: '4', name: 'Cloud Subscriptions' },
  misc: { id: '5', name: 'Miscellaneous' },
};

export type RawCustomer = Record<string, unknown> & { Id: string; DisplayName: string };
export type RawInvoice = Record<string, unknown> & { Id: string; TxnDate: string; CustomerRef: { value: string; name: string } };
/** One posting: account, month, amount, and the customer it belongs to (null for overheads). */
export type Posting = { account: AccountKey; month: string; customerId: string | null; amount: number };

export type QbData = { customers: RawCustomer[]; invoices: RawInvoice[]; postings: Posting[] };

const cents = (n: number) => Math.round(n * 100) / 100;
const identifierOf = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '') || 'client';

const CONTACTS = [
  ['Dana', 'Whitfield'],
  ['Luis', 'Ortega'],
  ['Priya', 'Raman'],
  ['Tom', 'Becker'],
  ['Mei', 'Chen'],
] as const;

function address(i: number, id: string) {
  return { City: 'Springfield', Line1: `${100 + i * 10} Main St.`, PostalCode: '62701', Lat: 'INVALID', Long: 'INVALID', CountrySubDivisionCode: 'IL', Id: id };
}
const pad = (n: number) => String(n).padStart(2, '0');

export function generateQuickBooksData(options: QbDataOptions): QbData {
  const clients = options.clients;
  const seed = options.seed ?? 1;
  const now = options.now ?? new Date();
  const today = now.toISOString().slice(0, 10);
  const m = /^(\d{4})-(\d{2})$/.exec(options.startMonth ?? '2023-01');
  if (!m) throw new RangeError(`Invalid start month: ${options.startMonth}`);

  const customers: RawCustomer[] = clients.map((name, i) => ({
    Id: String(i + 1),
    DisplayName: name,
    // The client's contact and addresses, as Intuit's Customer sample has them.
    GivenName: CONTACTS[i % CONTACTS.length]![0],
    FamilyName: CONTACTS[i % CONTACTS.length]![1],
    PrimaryEmailAddr: { Address: `accounts@${identifierOf(name)}.example` },
    PrimaryPhone: { FreeFormNumber: `(555) 010-${String(1000 + i).slice(-4)}` },
    BillAddr: address(i, String(100 + i)),
    ShipAddr: address(i, String(100 + i)),
    CompanyName: name,
    FullyQualifiedName: name,
    PrintOnCheckName: name,
    Active: true,
    Job: false,
    BillWithParent: false,
    Taxable: false,
    Balance: 0,
    BalanceWithJobs: 0,
    PreferredDeliveryMethod: 'Email',
    domain: 'QBO',
    sparse: false,
    SyncToken: '0',
    MetaData: { CreateTime: '2022-11-01T09:00:00-07:00', LastUpdatedTime: '2022-11-01T09:00:00-07:00' },
  }));
  const profiles = clients.map((name) => {
    const rng = createRng(hashSeed(`${seed}:profile:${name}`));
    return { seats: rng.int(12, 70), users: rng.int(10, 60) };
  });

  const invoices: RawInvoice[] = [];
  const postings: Posting[] = [];
  let invoiceId = 100;
  let docNumber = 1001;

  for (let year = Number(m[1]), month = Number(m[2]); `${year}-${pad(month)}-01` <= today; month === 12 ? ((year += 1), (month = 1)) : (month += 1)) {
    const key = `${year}-${pad(month)}`;
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    let revenue = 0;

    customers.forEach((customer, i) => {
      const p = profiles[i]!;
      const rng = createRng(hashSeed(`${seed}:${i}:${key}`));
      if (rng.chance(0.15)) p.seats += rng.int(-2, 4);
      p.seats = Math.max(5, p.seats);
      const invoiceLines = (day: number, lines: { account: AccountKey; amount: number }[]) => {
        const txnDate = `${key}-${pad(day)}`;
        if (txnDate > today || lines.length === 0) return;
        const total = cents(lines.reduce((s, l) => s + l.amount, 0));
        const due = new Date(Date.UTC(year, month - 1, day + 30)).toISOString().slice(0, 10);
        const ageDays = (now.getTime() - Date.parse(`${txnDate}T00:00:00Z`)) / 86_400_000;
        const open = ageDays < 20 ? rng.chance(0.8) : ageDays < 60 ? rng.chance(0.3) : rng.chance(0.03);
        const balance = open ? total : 0;
        customer.Balance = cents((customer.Balance as number) + balance);
        customer.BalanceWithJobs = customer.Balance;
        invoices.push({
          Id: String(invoiceId++),
          SyncToken: '0',
          domain: 'QBO',
          sparse: false,
          DocNumber: String(docNumber++),
          TxnDate: txnDate,
          DueDate: due,
          CurrencyRef: { value: 'USD', name: 'United States Dollar' },
          CustomField: [],
          LinkedTxn: [],
          CustomerRef: { value: customer.Id, name: customer.DisplayName },
          // Net 30, as the due date says.
          SalesTermRef: { value: '3' },
          GlobalTaxCalculation: 'TaxExcluded',
          Line: [
            ...lines.map((l, n) => ({
              Id: String(n + 1),
              LineNum: n + 1,
              Amount: l.amount,
              Description: ITEMS[l.account]!.name,
              DetailType: 'SalesItemLineDetail',
              SalesItemLineDetail: { ItemRef: { value: ITEMS[l.account]!.id, name: ITEMS[l.account]!.name }, TaxCodeRef: { value: 'NON' } },
            })),
            { Amount: total, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} },
          ],
          TxnTaxDetail: { TotalTax: 0 },
          TotalAmt: total,
          Balance: balance,
          ApplyTaxAfterDiscount: false,
          PrintStatus: 'NotSet',
          EmailStatus: 'EmailSent',
          Deposit: 0,
          AllowIPNPayment: false,
          AllowOnlinePayment: false,
          AllowOnlineACHPayment: false,
          AllowOnlineCreditCardPayment: false,
          MetaData: { CreateTime: `${txnDate}T10:00:00-07:00`, LastUpdatedTime: `${txnDate}T10:00:00-07:00` },
        });
        for (const l of lines) {
          postings.push({ account: l.account, month: key, customerId: customer.Id, amount: l.amount });
          revenue += l.amount;
          if (l.account === 'hardware') postings.push({ account: 'hardwareCost', month: key, customerId: customer.Id, amount: cents(l.amount * 0.8) });
          if (l.account === 'cloud') postings.push({ account: 'licenceCost', month: key, customerId: customer.Id, amount: cents(l.amount * 0.6) });
        }
      };

      invoiceLines(1, [
        { account: 'managed', amount: cents(p.seats * 115) },
        { account: 'cloud', amount: cents(p.users * 22) },
      ]);
      const extra: { account: AccountKey; amount: number }[] = [];
      if (rng.chance(0.25)) extra.push({ account: 'project', amount: cents(rng.int(5, 50) * 100) });
      if (rng.chance(0.2)) extra.push({ account: 'hardware', amount: cents(rng.int(8, 40) * 100 + 0.5) });
      if (rng.chance(0.05)) extra.push({ account: 'misc', amount: cents(rng.int(50, 200)) });
      invoiceLines(rng.int(10, Math.min(25, lastDay)), extra);
    });

    // Overheads are booked on the last day of the month, so the current month has none yet.
    if (`${key}-${pad(lastDay)}` <= today) {
      const rng = createRng(hashSeed(`${seed}:overheads:${key}`));
      const wages = cents(revenue * 0.38 + rng.int(0, 800));
      const overheads: [AccountKey, number][] = [
        ['wages', wages],
        ['payrollTaxes', cents(wages * 0.0765)],
        ['ownerComp', 9000],
        ['ownerTaxes', 688.5],
        ['tools', cents(1800 + rng.int(0, 400))],
        ['rent', 2400],
      ];
      for (const [account, amount] of overheads) postings.push({ account, month: key, customerId: null, amount });
    }
  }

  return { customers, invoices, postings };
}
