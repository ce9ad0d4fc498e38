"""Peewee models of the current schema, all in one place.

The schema itself is created by the numbered steps in ``migrations/``; these
classes only map it (``migrations`` never import them)."""

from __future__ import annotations

import peewee as pw

from .binding import ArchiveDatabase


class BaseModel(pw.Model):
    class Meta:
        # Each query runs on the database of the archive whose call is running (binding.py).
        database = ArchiveDatabase()
        legacy_table_names = False


class Setting(BaseModel):
    key = pw.TextField(primary_key=True)
    value = pw.TextField()


class Branch(BaseModel):
    name = pw.TextField()
    code = pw.TextField(default="")
    kind = pw.TextField()
    higher_org = pw.TextField(default="")
    founded_on = pw.DateField(null=True)
    term_started_on = pw.DateField(null=True)
    is_own = pw.BooleanField(default=False)
    created_at = pw.DateTimeField()
    updated_at = pw.DateTimeField()


class PartyGroup(BaseModel):
    branch = pw.ForeignKeyField(Branch, backref="groups")
    name = pw.TextField()
    leader_id = pw.IntegerField(null=True)
    sort_order = pw.IntegerField(default=0)


class Member(BaseModel):
    branch = pw.ForeignKeyField(Branch, backref="members")
    name = pw.TextField()
    gender = pw.TextField()
    ethnicity = pw.TextField(default="汉族")
    birth_date = pw.DateField()
    id_number = pw.TextField()
    education = pw.TextField(default="")
    phone = pw.TextField(default="")
    job = pw.TextField(default="")
    joined_on = pw.DateField()
    full_on = pw.DateField(null=True)
    full_exception = pw.TextField(default="")
    status = pw.TextField()
    group = pw.ForeignKeyField(PartyGroup, null=True, backref="members")
    note = pw.TextField(default="")
    created_at = pw.DateTimeField()
    updated_at = pw.DateTimeField()


class MemberStatusChange(BaseModel):
    member = pw.ForeignKeyField(Member, backref="status_changes")
    status_from = pw.TextField(null=True)
    status_to = pw.TextField()
    changed_on = pw.DateField()
    reason = pw.TextField(default="")
    recorded_at = pw.DateTimeField()


class CommitteePost(BaseModel):
    branch = pw.ForeignKeyField(Branch, backref="committee")
    post = pw.TextField()
    member = pw.ForeignKeyField(Member, null=True)
    holder_name = pw.TextField(default="")
    sort_order = pw.IntegerField(default=0)


ALL_MODELS = [Setting, Branch, PartyGroup, Member, MemberStatusChange, CommitteePost]


# -- meetings (step 3). Times of day are "HH:MM" text, timestamps ISO text. ---------
class Meeting(BaseModel):
    branch = pw.ForeignKeyField(Branch, backref="meetings")
    kind = pw.TextField()
    group = pw.ForeignKeyField(PartyGroup, null=True, backref="meetings")
    also_counts = pw.TextField(default="")
    title = pw.TextField()
    planned_on = pw.DateField()
    planned_time = pw.TextField(default="")
    place = pw.TextField(default="")
    theme = pw.TextField(default="")
    attendees_text = pw.TextField(default="")
    preparation = pw.TextField(default="")
    notified_on = pw.DateField(null=True)
    held_on = pw.DateField(null=True)
    started_at = pw.TextField(default="")
    ended_at = pw.TextField(default="")
    host_name = pw.TextField(default="")
    recorder_name = pw.TextField(default="")
    speaker_name = pw.TextField(default="")
    minutes = pw.TextField(default="")
    state = pw.TextField(default="planned")
    created_at = pw.TextField()
    updated_at = pw.TextField()


class MeetingAttendance(BaseModel):
    meeting = pw.ForeignKeyField(Meeting, backref="attendance")
    position = pw.IntegerField()
    member = pw.ForeignKeyField(Member, null=True)
    name = pw.TextField()
    is_guest = pw.BooleanField(default=False)
    member_status = pw.TextField(default="")
    voting = pw.BooleanField(default=False)
    status = pw.TextField(default="")
    reason = pw.TextField(default="")
    note = pw.TextField(default="")


class MeetingAgenda(BaseModel):
    meeting = pw.ForeignKeyField(Meeting, backref="agenda")
    position = pw.IntegerField()
    title = pw.TextField()
    summary = pw.TextField(default="")


class MeetingSpeech(BaseModel):
    meeting = pw.ForeignKeyField(Meeting, backref="speeches")
    position = pw.IntegerField()
    agenda_no = pw.IntegerField(default=0)
    speaker = pw.TextField()
    content = pw.TextField()


class MeetingResolution(BaseModel):
    meeting = pw.ForeignKeyField(Meeting, backref="resolutions")
    position = pw.IntegerField()
    text = pw.TextField()
    voted = pw.BooleanField(default=False)
    votes_yes = pw.IntegerField(null=True)
    votes_no = pw.IntegerField(null=True)
    votes_abstain = pw.IntegerField(null=True)


class MeetingTask(BaseModel):
    meeting = pw.ForeignKeyField(Meeting, backref="tasks")
    position = pw.IntegerField()
    uid = pw.TextField()
    task = pw.TextField()
    owner = pw.TextField(default="")
    deadline = pw.DateField(null=True)


class MeetingTaskDone(BaseModel):
    task_uid = pw.TextField(primary_key=True)
    done_on = pw.DateField()
    note = pw.TextField(default="")
    recorded_at = pw.TextField()


class MeetingAttachment(BaseModel):
    meeting = pw.ForeignKeyField(Meeting, backref="attachments")
    position = pw.IntegerField()
    kind = pw.TextField()
    title = pw.TextField()
    original_name = pw.TextField()
    stored_path = pw.TextField()
    sha256 = pw.TextField()
    size = pw.IntegerField()
    added_at = pw.TextField()


ALL_MODELS += [
    Meeting, MeetingAttendance, MeetingAgenda, MeetingSpeech, MeetingResolution, MeetingTask, MeetingTaskDone,
    MeetingAttachment,
]


# -- 组织生活会, 民主评议党员, 谈心谈话, 整改台账 (step 4) ------------------------------
class LifeCycle(BaseModel):
    branch = pw.ForeignKeyField(Branch, backref="life_cycles")
    year = pw.IntegerField()
    theme = pw.TextField(default="")
    planned_on = pw.DateField(null=True)
    form = pw.TextField(default="general")
    group = pw.ForeignKeyField(PartyGroup, null=True)
    plan_reported_on = pw.DateField(null=True)
    meeting = pw.ForeignKeyField(Meeting, null=True)
    secretary_report = pw.TextField(default="")
    review = pw.TextField(default="")
    summary = pw.TextField(default="")
    state = pw.TextField(default="draft")
    created_at = pw.TextField()
    updated_at = pw.TextField()
    # What its papers state, written when it is reported (life/snapshot.py).
    sealed_facts = pw.TextField(null=True)


class LifeOpinion(BaseModel):
    cycle = pw.ForeignKeyField(LifeCycle, backref="opinions")
    position = pw.IntegerField()
    uid = pw.TextField()
    source = pw.TextField()
    channel = pw.TextField()
    received_on = pw.DateField()
    content = pw.TextField()
    category = pw.TextField()
    addressed_member = pw.ForeignKeyField(Member, null=True)
    addressed_name = pw.TextField(default="")
    anonymous = pw.BooleanField(default=False)
    giver = pw.TextField(default="")
    answer = pw.TextField(default="")
    answered_on = pw.DateField(null=True)


class LifeProblem(BaseModel):
    cycle = pw.ForeignKeyField(LifeCycle, backref="problems")
    position = pw.IntegerField()
    uid = pw.TextField()
    member = pw.ForeignKeyField(Member, null=True)
    owner_name = pw.TextField(default="")
    source = pw.TextField()
    category = pw.TextField()
    problem = pw.TextField()


class LifeExamination(BaseModel):
    cycle = pw.ForeignKeyField(LifeCycle, backref="examinations")
    position = pw.IntegerField()
    member = pw.ForeignKeyField(Member, null=True)
    owner_name = pw.TextField(default="")
    problems = pw.TextField()
    causes = pw.TextField(default="")
    measures = pw.TextField(default="")
    submitted_on = pw.DateField(null=True)


class LifeCriticism(BaseModel):
    cycle = pw.ForeignKeyField(LifeCycle, backref="criticism")
    position = pw.IntegerField()
    uid = pw.TextField()
    kind = pw.TextField()
    from_member = pw.ForeignKeyField(Member, null=True)
    from_name = pw.TextField()
    to_member = pw.ForeignKeyField(Member, null=True)
    to_name = pw.TextField()
    content = pw.TextField()
    response = pw.TextField(default="")


class Talk(BaseModel):
    branch = pw.ForeignKeyField(Branch, backref="talks")
    talked_on = pw.DateField()
    place = pw.TextField(default="")
    talker_member = pw.ForeignKeyField(Member, null=True)
    talker_name = pw.TextField()
    partner_member = pw.ForeignKeyField(Member, null=True)
    partner_name = pw.TextField()
    content = pw.TextField(default="")
    effect = pw.TextField(default="")
    created_at = pw.TextField()
    updated_at = pw.TextField()


class Appraisal(BaseModel):
    branch = pw.ForeignKeyField(Branch, backref="appraisals")
    year = pw.IntegerField()
    cycle = pw.ForeignKeyField(LifeCycle, null=True)
    held_on = pw.DateField(null=True)
    voters = pw.IntegerField(default=0)
    decided_on = pw.DateField(null=True)
    note = pw.TextField(default="")
    state = pw.TextField(default="draft")
    created_at = pw.TextField()
    updated_at = pw.TextField()


class AppraisalEntry(BaseModel):
    appraisal = pw.ForeignKeyField(Appraisal, backref="entries")
    position = pw.IntegerField()
    member = pw.ForeignKeyField(Member, null=True)
    member_name = pw.TextField()
    self_grade = pw.TextField(default="")
    self_appraisal = pw.TextField(default="")
    mutual_remarks = pw.TextField(default="")
    votes_excellent = pw.IntegerField(null=True)
    votes_qualified = pw.IntegerField(null=True)
    votes_basic = pw.IntegerField(null=True)
    votes_unqualified = pw.IntegerField(null=True)
    decided_grade = pw.TextField(default="")
    decision_reason = pw.TextField(default="")
    feedback_on = pw.DateField(null=True)
    feedback_note = pw.TextField(default="")
    handling = pw.TextField(default="")
    handling_note = pw.TextField(default="")


class RectificationItem(BaseModel):
    branch = pw.ForeignKeyField(Branch, backref="rectification_items")
    year = pw.IntegerField()
    number = pw.IntegerField()
    source = pw.TextField()
    source_ref = pw.TextField(default="")
    category = pw.TextField(default="other")
    scope = pw.TextField(default="branch")
    owner_member = pw.ForeignKeyField(Member, null=True)
    owner_name = pw.TextField()
    problem = pw.TextField()
    cause = pw.TextField(default="")
    measure = pw.TextField()
    deadline = pw.DateField()
    created_on = pw.DateField()
    closed_on = pw.DateField(null=True)
    closing_note = pw.TextField(default="")
    public = pw.BooleanField(default=False)
    created_at = pw.TextField()
    updated_at = pw.TextField()


class RectificationProgress(BaseModel):
    item = pw.ForeignKeyField(RectificationItem, backref="progress")
    noted_on = pw.DateField()
    text = pw.TextField()
    recorded_at = pw.TextField()


class RectificationEvidence(BaseModel):
    item = pw.ForeignKeyField(RectificationItem, backref="evidence")
    kind = pw.TextField()
    record_id = pw.IntegerField(null=True)
    title = pw.TextField()
    original_name = pw.TextField(default="")
    stored_path = pw.TextField(default="")
    sha256 = pw.TextField(default="")
    size = pw.IntegerField(default=0)
    added_at = pw.TextField()


ALL_MODELS += [
    LifeCycle, LifeOpinion, LifeProblem, LifeExamination, LifeCriticism, Talk, Appraisal, AppraisalEntry,
    RectificationItem, RectificationProgress, RectificationEvidence,
]
