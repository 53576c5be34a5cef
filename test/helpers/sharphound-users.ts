/**
 * A generated SharpHound v6 users file of a given size (~1 KB per user: properties, five ACEs, a primary
 * group, a container), written as a stream — for the large-upload bench and the shutdown test.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export async function writeSharpHoundUsers(path: string, megabytes: number): Promise<number> {
  const domainSid = 'S-1-5-21-3623811015-3361044348-30300820';
  const rights = ['GenericAll', 'WriteDacl', 'GenericWrite', 'ForceChangePassword', 'Owns'];
  const out = createWriteStream(path);
  out.write('{"data":[');
  let written = 0;
  let i = 0;
  for (; written < megabytes * 1024 * 1024; i++) {
    const aces = rights.map((r, k) => ({ PrincipalSID: `${domainSid}-${[512, 519, 544, 1105 + (i % 50), 1200 + ((i + k) % 500)][k]}`, PrincipalType: k === 2 ? 'Group' : 'User', RightName: r, IsInherited: k % 2 === 0 }));
    const record = JSON.stringify({
      ObjectIdentifier: `${domainSid}-${100000 + i}`,
      Properties: {
        name: `USER${i}@CORP.EXAMPLE`, domain: 'CORP.EXAMPLE', domainsid: domainSid, distinguishedname: `CN=USER${i},OU=STAFF,DC=CORP,DC=EXAMPLE`,
        enabled: i % 10 !== 0, samaccountname: `user${i}`, description: `generated user ${i} `.padEnd(600, 'x'), lastlogon: 1700000000 + i, email: `user${i}@corp.example`,
        pwdneverexpires: false, admincount: false, hasspn: false, serviceprincipalnames: [],
      },
      Aces: aces, PrimaryGroupSID: `${domainSid}-513`, SPNTargets: [], HasSIDHistory: [], IsDeleted: false, IsACLProtected: false,
      ContainedBy: { ObjectIdentifier: 'C0FFEE00-0000-0000-0000-000000000001', ObjectType: 'OU' },
    });
    const chunk = (i ? ',' : '') + record;
    written += chunk.length;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.write(`],"meta":{"methods":46067,"type":"users","count":${i},"version":6}}`);
  out.end();
  await once(out, 'finish');
  return i;
}
