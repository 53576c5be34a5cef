/**
 * Every edge kind, one file each. Adding a kind = adding a file and a line here; everything else
 * (types, Cypher, docs, legend, scoring defaults) is derived or generated from this record.
 */
import { CanExploit } from './CanExploit.js';
import { OnSegment } from './OnSegment.js';
import { Mounts } from './Mounts.js';
import { TaintSharedContent } from './TaintSharedContent.js';
import { Traverses } from './Traverses.js';
import { RelatesTo } from './RelatesTo.js';
import { AdminTo } from './AdminTo.js';
import { HasSession } from './HasSession.js';
import { MemberOf } from './MemberOf.js';
import { CanRdp } from './CanRdp.js';
import { CanPsRemote } from './CanPsRemote.js';
import { ExecuteDcom } from './ExecuteDcom.js';
import { GenericAll } from './GenericAll.js';
import { GenericWrite } from './GenericWrite.js';
import { WriteDacl } from './WriteDacl.js';
import { WriteOwner } from './WriteOwner.js';
import { Owns } from './Owns.js';
import { AddKeyCredentialLink } from './AddKeyCredentialLink.js';
import { ForceChangePassword } from './ForceChangePassword.js';
import { AddMember } from './AddMember.js';
import { AllExtendedRights } from './AllExtendedRights.js';
import { ReadGmsaPassword } from './ReadGmsaPassword.js';
import { ReadLapsPassword } from './ReadLapsPassword.js';
import { DcSync } from './DcSync.js';
import { AllowedToDelegate } from './AllowedToDelegate.js';
import { AllowedToAct } from './AllowedToAct.js';
import { AddAllowedToAct } from './AddAllowedToAct.js';
import { GpLink } from './GpLink.js';
import { Contains } from './Contains.js';
import { CanAssumeRole } from './CanAssumeRole.js';
import { HasPermission } from './HasPermission.js';
import { RunsAs } from './RunsAs.js';
import { VendorAccess } from './VendorAccess.js';
import { ProvidesAccess } from './ProvidesAccess.js';
import { Controls } from './Controls.js';
import { Manages } from './Manages.js';
import { CredentialOn } from './CredentialOn.js';
import { CanInvoke } from './CanInvoke.js';
import { ReadsUntrusted } from './ReadsUntrusted.js';
import { CanReach } from './CanReach.js';
import { HasVulnerability } from './HasVulnerability.js';
import { InZone } from './InZone.js';
import { Runs } from './Runs.js';
import { StoresData } from './StoresData.js';

export const EDGE_KINDS = {
  CanExploit,
  AdminTo,
  HasSession,
  MemberOf,
  CanRdp,
  CanPsRemote,
  ExecuteDcom,
  GenericAll,
  GenericWrite,
  WriteDacl,
  WriteOwner,
  Owns,
  AddKeyCredentialLink,
  ForceChangePassword,
  AddMember,
  AllExtendedRights,
  ReadGmsaPassword,
  ReadLapsPassword,
  DcSync,
  AllowedToDelegate,
  AllowedToAct,
  AddAllowedToAct,
  GpLink,
  Contains,
  CanAssumeRole,
  HasPermission,
  RunsAs,
  VendorAccess,
  ProvidesAccess,
  Controls,
  Manages,
  CredentialOn,
  CanInvoke,
  ReadsUntrusted,
  OnSegment,
  TaintSharedContent,
  Traverses,
  CanReach,
  HasVulnerability,
  InZone,
  Mounts,
  Runs,
  StoresData,
  RelatesTo,
} as const;
