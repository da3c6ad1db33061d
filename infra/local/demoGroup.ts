/**
 * The demo property group, seed data loaded on first start through the
 * administration code (infra/local/seedGroup.ts): estates in Hong Kong,
 * Shenzhen and London, each with departments, and a staff member of every
 * role. `npm start -- --empty` loads none of it, only BOOTSTRAP_ADMIN.
 */
import type { Estate } from '../../functions/domain/estate';

const departments = (estateCode: string): Estate['departments'] => [
  { departmentId: 'engineering', names: { en: 'Engineering', 'zh-Hant': '工程部', 'zh-Hans': '工程部' }, email: `engineering.${estateCode}@demo-group.example` },
  { departmentId: 'security', names: { en: 'Security', 'zh-Hant': '保安部', 'zh-Hans': '保安部' }, email: `security.${estateCode}@demo-group.example` },
  { departmentId: 'cleaning', names: { en: 'Cleaning and environment', 'zh-Hant': '清潔及環境部', 'zh-Hans': '清洁及环境部' }, email: `cleaning.${estateCode}@demo-group.example` },
  { departmentId: 'customer-service', names: { en: 'Customer service', 'zh-Hant': '客戶服務部', 'zh-Hans': '客户服务部' }, email: `cs.${estateCode}@demo-group.example` },
];

/** Buildings of a demo estate: `[id, zh-Hant, zh-Hans, en]`. */
const buildings = (...list: [string, string, string, string][]): Estate['buildings'] =>
  list.map(([buildingId, zhHant, zhHans, en]) => ({ buildingId, names: { 'zh-Hant': zhHant, 'zh-Hans': zhHans, en } }));

export const demoEstates: Estate[] = [
  {
    estateId: 'EST01',
    referencePrefix: 'EST01',
    homes: 1200,
    names: { en: 'Harbour View Gardens', 'zh-Hant': '海景花園', 'zh-Hans': '海景花园' },
    jurisdiction: 'HK',
    timeZone: 'Asia/Hong_Kong',
    departments: departments('est01'),
    customerServiceEmail: 'cs.est01@demo-group.example',
    managerEmail: 'manager.est01@demo-group.example',
    developerLiaisonEmail: 'customer-centre@harbour-developer.example',
    buildings: buildings(['T1', '第一座', '第一座', 'Tower 1'], ['T2', '第二座', '第二座', 'Tower 2'], ['T3', '第三座', '第三座', 'Tower 3'], ['CLUB', '會所', '会所', 'Clubhouse']),
  },
  {
    estateId: 'EST02',
    referencePrefix: 'EST02',
    homes: 860,
    names: { en: 'Lakeside Court', 'zh-Hant': '湖畔苑', 'zh-Hans': '湖畔苑' },
    jurisdiction: 'HK',
    timeZone: 'Asia/Hong_Kong',
    departments: departments('est02'),
    customerServiceEmail: 'cs.est02@demo-group.example',
    managerEmail: 'manager.est02@demo-group.example',
    developerLiaisonEmail: 'customer-centre@lakeside-developer.example',
    buildings: buildings(['A', 'A座', 'A座', 'Block A'], ['B', 'B座', 'B座', 'Block B']),
  },
  {
    estateId: 'SZ01',
    referencePrefix: 'SZ01',
    homes: 2400,
    names: { en: 'Shenzhen Bay Residence', 'zh-Hant': '深圳灣公館', 'zh-Hans': '深圳湾公馆' },
    jurisdiction: 'CN',
    timeZone: 'Asia/Shanghai',
    departments: departments('sz01'),
    customerServiceEmail: 'cs.sz01@demo-group.example',
    managerEmail: 'manager.sz01@demo-group.example',
    developerLiaisonEmail: 'kefu@bay-developer.example',
    buildings: buildings(['B1', '1棟', '1栋', 'Building 1'], ['B2', '2棟', '2栋', 'Building 2'], ['B3', '3棟', '3栋', 'Building 3']),
  },
  {
    estateId: 'LDN01',
    referencePrefix: 'LDN01',
    homes: 540,
    names: { en: 'Riverside Wharf', 'zh-Hant': '河畔碼頭公寓', 'zh-Hans': '河畔码头公寓' },
    jurisdiction: 'GB-ENG',
    timeZone: 'Europe/London',
    departments: departments('ldn01'),
    customerServiceEmail: 'cs.ldn01@demo-group.example',
    managerEmail: 'manager.ldn01@demo-group.example',
    deadlinePolicyId: 'uk-housing-ombudsman-2024',
    ombudsmanContact: 'Housing Ombudsman Service, PO Box 152, Liverpool L33 7WQ; 0300 111 3000; info@housing-ombudsman.org.uk',
  },
];

/** A demo staff member; the local issuer signs tokens for them (`npm run token -- <userId>`). */
export interface DemoUser {
  userId: string;
  name: string;
  email: string;
  role: import('../../functions/domain/access/identity').StaffRole;
  /** Estate ids, or `*` for the whole group. */
  estates: string;
  departmentId?: string;
  /** The language they read reports in (absent: their estate's). */
  language?: import('../../functions/domain/vocabulary').Language;
}

const estateStaff = (estateId: string): DemoUser[] => {
  const code = estateId.toLowerCase();
  return [
    { userId: `frontline.${code}`, name: `Front desk, ${estateId}`, email: `frontdesk.${code}@demo-group.example`, role: 'frontline-staff', estates: estateId, departmentId: 'customer-service' },
    { userId: `engineering.${code}`, name: `Engineering manager, ${estateId}`, email: `engineering.${code}@demo-group.example`, role: 'department-handler', estates: estateId, departmentId: 'engineering' },
    { userId: `security.${code}`, name: `Security supervisor, ${estateId}`, email: `security.${code}@demo-group.example`, role: 'department-handler', estates: estateId, departmentId: 'security' },
    { userId: `foreman.${code}`, name: `Engineering shift foreman, ${estateId}`, email: `foreman.${code}@demo-group.example`, role: 'supervisor', estates: estateId, departmentId: 'engineering' },
    { userId: `infodesk.${code}`, name: `Information officer, ${estateId}`, email: `infodesk.${code}@demo-group.example`, role: 'information-officer', estates: estateId, departmentId: 'customer-service' },
    { userId: `cslead.${code}`, name: `Customer-service lead, ${estateId}`, email: `cs.${code}@demo-group.example`, role: 'cs-lead', estates: estateId, departmentId: 'customer-service' },
    { userId: `assistant.${code}`, name: `Assistant manager (customer), ${estateId}`, email: `assistant.${code}@demo-group.example`, role: 'assistant-manager', estates: estateId },
    { userId: `manager.${code}`, name: `Estate manager, ${estateId}`, email: `manager.${code}@demo-group.example`, role: 'estate-manager', estates: estateId },
  ];
};

export const demoUsers: DemoUser[] = [
  ...demoEstates.flatMap((estate) => estateStaff(estate.estateId)),
  { userId: 'hq.director', name: 'Group customer-service director', email: 'hq.cs@demo-group.example', role: 'hq', estates: '*', language: 'en' },
  { userId: 'compliance.auditor', name: 'Compliance auditor', email: 'compliance@demo-group.example', role: 'compliance', estates: '*' },
  { userId: 'admin', name: 'Platform administrator', email: 'admin@demo-group.example', role: 'admin', estates: '*' },
];

/** The one user of an empty start: the administrator who sets the group up (in AWS: `-c adminEmail=…`). */
export const BOOTSTRAP_ADMIN: DemoUser = demoUsers.find((user) => user.userId === 'admin')!;
