// Renders the simulator's compact records (simulator-data.ts) as Manage sends
// them: every field of the documented bodies in ./fixtures, `_info` links on
// references, and no null fields (Manage leaves them out). Rendering happens
// per response, so the data the conditions filter on stays small.
// conformance.test.ts checks the result against the documented bodies.

type Json = Record<string, unknown>;
type Ref = { id: number; name?: string; identifier?: string };

const CURRENCY = {
  id: 7,
  symbol: '$',
  currencyCode: 'USD',
  decimalSeparator: '.',
  numberOfDecimals: 2,
  thousandsSeparator: ',',
  negativeParenthesesFlag: false,
  displaySymbolFlag: true,
  currencyIdentifier: 'USD',
  displayIdFlag: false,
  rightAlign: false,
  name: 'US Dollars',
};

/** Manage's record GUIDs; derived from the id so a record keeps its own. */
const guid = (kind: number, id: number) => `00000000-0000-4000-8${String(kind).padStart(3, '0')}-${String(id).padStart(12, '0')}`;
const minutesBetween = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 60_000));

function withoutNulls(record: Json): Json {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== null && value !== undefined));
}

export function createRenderer(apiBase: string) {
  const href = (path: string) => `${apiBase}${path}`;
  /** A reference with its `_info` link, e.g. `board` → `{ id, name, _info: { board_href } }`. */
  const ref = (value: Ref, key: string, path: string, info: Json = {}): Json => ({ ...value, _info: { [`${key}_href`]: href(`${path}/${value.id}`), ...info } });

  function ticket(t: Json): Json {
    const id = t.id as number;
    const company = t.company as Ref;
    const board = t.board as Ref;
    const site = t.site as Ref;
    const owner = t.owner as Ref;
    const info = t._info as { dateEntered: string; enteredBy: string; lastUpdated: string };
    const closed = t.closedFlag === true;
    const responded = t.dateResponded as string;
    const agreement = t.agreement as Ref | null;
    return withoutNulls({
      ...t,
      board: ref(board, 'board', '/service/boards'),
      status: ref(t.status as Ref, 'status', `/service/boards/${board.id}/statuses`),
      company: ref(company, 'company', '/company/companies', { mobileGuid: guid(1, company.id) }),
      site: ref(site, 'site', `/company/companies/${company.id}/sites`, { mobileGuid: guid(2, site.id) }),
      addressLine1: '100 Main St',
      city: 'Springfield',
      stateIdentifier: 'IL',
      zip: '62701',
      contactName: '',
      contactPhoneNumber: '',
      type: ref(t.type as Ref, 'type', `/service/boards/${board.id}/types`),
      team: ref({ id: 10, name: 'Service Desk' }, 'team', `/service/boards/${board.id}/teams`),
      owner: ref(owner, 'member', '/system/members', { image_href: href(`/system/members/${owner.id}/image?lm=2024-01-01T00:00:00Z`) }),
      priority: ref(t.priority as Ref, 'priority', '/service/priorities', { image_href: href(`/service/priorities/${(t.priority as Ref).id}/image?lm=2024-01-01T00:00:00Z`) }),
      serviceLocation: ref({ id: 4, name: 'Remote' }, 'location', '/service/locations'),
      source: ref({ id: 2, name: 'Email' }, 'source', '/service/sources'),
      allowAllClientsPortalView: false,
      customerUpdatedFlag: false,
      automaticEmailContactFlag: false,
      automaticEmailResourceFlag: false,
      automaticEmailCcFlag: false,
      approved: true,
      estimatedExpenseCost: 0,
      estimatedExpenseRevenue: 0,
      estimatedProductCost: 0,
      estimatedProductRevenue: 0,
      estimatedTimeCost: 0,
      estimatedTimeRevenue: 0,
      billingMethod: 'ActualRates',
      subBillingMethod: 'ActualRates',
      dateResplan: responded,
      resolveMinutes: closed ? minutesBetween(info.dateEntered, t.dateResolved as string) : 0,
      resPlanMinutes: 0,
      respondMinutes: minutesBetween(info.dateEntered, responded),
      resources: owner.identifier,
      hasMergedChildTicketFlag: false,
      billTime: 'NoDefault',
      billExpenses: 'NoDefault',
      billProducts: 'NoDefault',
      agreement: agreement && agreementRef(agreement),
      location: ref({ id: 11, name: 'Head Office' }, 'location', '/system/locations'),
      department: ref({ id: 5, identifier: 'Service', name: 'Service' }, 'department', '/system/departments'),
      mobileGuid: guid(3, id),
      sla: ref({ id: 1, name: 'Standard SLA' }, 'sla', '/service/SLAs'),
      slaStatus: closed ? 'Resolved' : 'Respond',
      requestForChangeFlag: false,
      currency: ref(CURRENCY, 'currency', '/finance/currencies'),
      _info: {
        lastUpdated: info.lastUpdated,
        updatedBy: info.enteredBy,
        dateEntered: info.dateEntered,
        enteredBy: info.enteredBy,
        activities_href: href(`/sales/activities?conditions=ticket/id=${id}`),
        scheduleentries_href: href(`/schedule/entries?conditions=type/id=4 AND objectId=${id}`),
        documents_href: href(`/system/documents?recordType=Ticket&recordId=${id}`),
        configurations_href: href(`/service/tickets/${id}/configurations`),
        tasks_href: href(`/service/tickets/${id}/tasks`),
        notes_href: href(`/service/tickets/${id}/notes`),
        products_href: href(`/procurement/products?conditions=chargeToType='Ticket' AND chargeToId=${id}`),
        timeentries_href: href(`/time/entries?conditions=(chargeToType='ServiceTicket' OR chargeToType='ProjectTicket') AND chargeToId=${id}`),
        expenseEntries_href: href(`/expense/entries?conditions=(chargeToType='ServiceTicket' OR chargeToType='ProjectTicket') AND chargeToId=${id}`),
      },
      escalationStartDateUTC: (t.closedDate as string | null) ?? info.dateEntered,
      escalationLevel: closed ? 15 : 0,
      minutesBeforeWaiting: 0,
      respondedSkippedMinutes: 0,
      resplanSkippedMinutes: 0,
      customFields: [],
    });
  }

  /** The agreement reference time entries (and tickets) carry. */
  function agreementRef(agreement: Ref): Json {
    const managed = / - Managed Services$/.test(agreement.name ?? '');
    return ref({ ...agreement, type: managed ? 'Managed Services' : 'Block Time', chargeFirmFlag: false } as Ref, 'agreement', '/finance/agreements', {
      typeId: managed ? '3' : '5',
    });
  }

  /** The Monday-to-Sunday time sheet a day belongs to. */
  function timeSheet(timeStart: string): Json {
    const day = new Date(timeStart.slice(0, 10));
    const monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000);
    const sunday = new Date(monday.getTime() + 6 * 86_400_000);
    const iso = (d: Date) => d.toISOString().slice(0, 10);
    return { id: Math.floor(monday.getTime() / (7 * 86_400_000)), name: `${iso(monday)} to ${iso(sunday)}` };
  }

  function timeEntry(e: Json): Json {
    const billable = e.billableOption === 'Billable';
    const ticketRef = e.ticket as Ref | undefined;
    const agreement = e.agreement as Ref | undefined;
    return withoutNulls({
      ...e,
      company: ref(e.company as Ref, 'company', '/company/companies'),
      member: ref(e.member as Ref, 'member', '/system/members'),
      locationId: 11,
      businessUnitId: 5,
      workType: ref(e.workType as Ref, 'workType', '/time/workTypes'),
      workRole: ref((e.workRole as Ref | undefined) ?? { id: 3, name: 'Service Desk Technician' }, 'workRole', '/time/workRoles'),
      addToDetailDescriptionFlag: false,
      addToInternalAnalysisFlag: true,
      addToResolutionFlag: false,
      emailResourceFlag: false,
      emailContactFlag: false,
      emailCcFlag: false,
      hoursBilled: e.hoursBilled ?? 0,
      invoiceHours: e.invoiceHours ?? 0,
      mobileGuid: guid(4, e.id as number),
      hourlyRate: billable ? 150 : 0,
      timeSheet: timeSheet(e.timeStart as string),
      agreement: agreement && agreementRef(agreement),
      ticket: ticketRef && ref(ticketRef, 'ticket', '/service/tickets'),
    });
  }

  function agreement(a: Json): Json {
    const oneTime = (a.billingCycle as Ref).name === 'One Time';
    const info = a._info as { dateEntered: string; lastUpdated: string };
    return withoutNulls({
      ...a,
      type: ref(a.type as Ref, 'type', '/finance/agreements/types'),
      company: ref(a.company as Ref, 'company', '/company/companies'),
      billingCycle: ref(a.billingCycle as Ref, 'billingCycle', '/finance/billingCycles'),
      billOneTimeFlag: oneTime,
      applicationUnlimitedFlag: a.applicationUnlimitedFlag === true,
      applicationLimit: a.applicationLimit ?? 0,
      coverAgreementTime: true,
      coverAgreementProduct: false,
      coverAgreementExpense: false,
      billTime: 'Billable',
      billExpenses: 'Billable',
      billProducts: 'Billable',
      _info: { ...info, updatedBy: 'jdoe', enteredBy: 'jdoe' },
    });
  }

  return { ticket, timeEntry, agreement };
}
