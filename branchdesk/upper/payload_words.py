"""The preset dictionary the upper level compresses records' payloads with (zlib's
``zdict``; ``store.pack_text``). A record compressed alone cannot refer back to the
records before it, so the field names of each table and the usual values cost it the
most; a dictionary that holds them lets every record refer to them. Measured on demo
branches: a branch's payloads take 235 KB instead of 322 KB (docs/tech-notes.md "Upper
level at county scale").

Made from the demo branch's stored records: one record of each kind with one row of each
child table, as compact JSON, every text emptied unless it is a code word of lower-case
letters (``present``, ``full``, ``reported``): field names and codes, no one's data. The
kinds most often stored come last (nearest the data, cheapest to refer to).

Frozen: a stored payload names its dictionary by the Adler-32 checksum in its zlib
header, and is read with the same bytes. A better dictionary is added beside this one
(``DICTIONARIES``), never written over it."""

WORDS_1 = (
    b'{"row":{"branch_id":1,"candidates":"","candidates_on":"","created_at":"","deputies":1,"id":1,"meeting_id'
    b'":11,"offices":"","offices_on":"","places":5,"plan_approval_no":"","plan_approved_on":"","plan_note":"",'
    b'"plan_submitted_on":"","planned_on":"","previous":"","result_approval_no":"","result_approved_on":"","re'
    b'sult_submitted_on":"","rounds":"","updated_at":""},"children":{}}{"row":{"branch_id":1,"contact":"","cre'
    b'ated_at":"","dues_note":"","dues_way":"home_transfer","host_org":"","id":1,"life_note":"","life_way":"ho'
    b'st","member_id":12,"note":"","place":"","since":"","status_before":"full","until":null,"updated_at":""},'
    b'"children":{}}{"row":{"branch_id":1,"decided_on":"","id":1,"kind":"criticism","probation_years":null},"c'
    b'hildren":{}}{"row":{"branch_id":1,"created_at":"","cycle_id":1,"decided_on":"","held_on":"","id":1,"note'
    b'":"","state":"reported","updated_at":"","voters":25,"year":2024},"children":{"appraisal_entry":[{"apprai'
    b'sal_id":1,"decided_grade":"qualified","decision_reason":"","feedback_note":"","feedback_on":"","handling'
    b'":"","handling_note":"","id":28,"member_id":1,"member_name":"","mutual_remarks":"","position":1,"self_ap'
    b'praisal":"","self_grade":"qualified","votes_basic":0,"votes_excellent":2,"votes_qualified":22,"votes_unq'
    b'ualified":0}]}}{"row":{"body":"","branch_id":1,"created_at":"","half":2,"id":1,"meeting_id":null,"title"'
    b':"","updated_at":"","year":2025},"children":{}}{"row":{"branch_id":1,"created_at":"","doc_no":"","grante'
    b'd_by":"","granted_on":"","id":1,"kind":"excellent_worker","member_id":5,"note":"","title":"","updated_at'
    b'":""},"children":{}}{"row":{"branch_id":1,"created_at":"","form":"general","group_id":null,"id":1,"meeti'
    b'ng_id":141,"plan_reported_on":"","planned_on":"","review":"","sealed_facts":"","secretary_report":"","st'
    b'ate":"reported","summary":"","theme":"","updated_at":"","year":2024},"children":{"life_opinion":[{"addre'
    b'ssed_member_id":null,"addressed_name":"","anonymous":false,"answer":"","answered_on":null,"category":"se'
    b'rvice","channel":"forum","content":"","cycle_id":1,"giver":"","id":1,"position":1,"received_on":"","sour'
    b'ce":"masses","uid":""}],"life_problem":[{"category":"study","cycle_id":1,"id":1,"member_id":null,"owner_'
    b'name":"","position":1,"problem":"","source":"opinion","uid":""}],"life_examination":[{"causes":"","cycle'
    b'_id":1,"id":1,"measures":"","member_id":null,"owner_name":"","position":1,"problems":"","submitted_on":"'
    b'"}],"life_criticism":[{"content":"","cycle_id":1,"from_member_id":5,"from_name":"","id":1,"kind":"self",'
    b'"position":1,"response":"","to_member_id":5,"to_name":"","uid":""}]}}{"row":{"adopted_on":"","branch_id"'
    b':1,"created_at":"","id":1,"library_id":1,"note":"","updated_at":"","year":2024},"children":{"target_plan'
    b'_item":[{"id":1,"indicator_id":2,"measure":"","note":"","plan_id":1,"position":1,"target_text":"","targe'
    b't_value_x10":null}]}}{"row":{"branch_id":1,"id":1,"leader_id":11,"name":"","sort_order":0},"children":{}'
    b'}{"row":{"branch_id":1,"cancel_reason":"","cancelled_on":null,"created_at":"","direction":"out","dues_pa'
    b'id_to":"","from_org":"","id":1,"letter_no":"","letter_seq":1,"letter_year":2025,"member_id":24,"moved_on'
    b'":"","new_member":false,"note":"","reason":"job","reason_note":"","receipt_on":null,"scope":"county","st'
    b'atus_before":"full","to_org":"","updated_at":"","valid_days":30},"children":{}}{"row":{"branch_id":1,"cr'
    b'eated_at":"","id":1,"lead_member_id":6,"lead_name":"","note":"","planned_on":"","readings":"","title":""'
    b',"updated_at":"","year":2026},"children":{}}{"row":{"branch_id":1,"created_at":"","grade":"","id":1,"ins'
    b'pected_on":"","inspecting_body":"","inspectors":"","library_name":"","period_kind":"half","period_no":1,'
    b'"remarks":"","self_total_x10":985,"state":"reported","thresholds":"","total_points_x10":1000,"total_x10"'
    b':960,"updated_at":"","year":2024},"children":{"target_score":[{"code":"","id":1,"indicator_id":2,"inspec'
    b'tion_id":1,"measured_text":"","name":"","parent_code":"","parent_name":"","points_x10":40,"position":1,"'
    b'remark":"","score_x10":40,"scoring_rule":"","self_score_x10":40,"target_text":""}],"target_problem":[{"c'
    b'ode":"","id":1,"inspection_id":1,"position":1,"problem":"","suggestion":"","uid":""}]}}{"row":{"birth_da'
    b'te":"","branch_id":1,"created_at":"","education":"","ethnicity":"","gender":"female","id":1,"id_number":'
    b'"","job":"","member_id":null,"name":"","note":"","phone":"","state":"draft","updated_at":""},"children":'
    b'{"recruit_step":[{"body":"","days":null,"decision":"","done_on":"","extension_months":null,"group_id":nu'
    b'll,"hours":null,"id":1,"meeting_id":null,"people":"","person_id":1,"position":1,"reason":"","recorded_at'
    b'":"","resolution_no":null,"step":"application","text":""}]}}{"row":{"branch_id":1,"category":"service","'
    b'cause":"","closed_on":"","closing_note":"","created_at":"","created_on":"","deadline":"","id":1,"measure'
    b'":"","number":1,"owner_member_id":5,"owner_name":"","problem":"","public":true,"scope":"branch","source"'
    b':"opinion","source_ref":"","updated_at":"","year":2024},"children":{"rectification_progress":[{"id":1,"i'
    b'tem_id":1,"noted_on":"","recorded_at":"","text":""}],"rectification_evidence":[{"added_at":"","id":1,"it'
    b'em_id":1,"kind":"meeting","original_name":"","record_id":65,"sha256":"","size":0,"stored_path":"","title'
    b'":""}]}}{"row":{"birth_date":"","branch_id":1,"created_at":"","education":"","ethnicity":"","full_except'
    b'ion":"","full_on":"","gender":"male","group_id":1,"id":1,"id_number":"","job":"","joined_on":"","name":"'
    b'","note":"","phone":"","status":"full","updated_at":""},"children":{"member_status_change":[{"changed_on'
    b'":"","id":1,"member_id":1,"reason":"","recorded_at":"","status_from":null,"status_to":"full"}]}}{"row":{'
    b'"branch_id":1,"created_at":"","id":1,"kind":"regular","member_id":6,"note":"","received_on":""},"childre'
    b'n":{}}{"row":{"branch_id":1,"content":"","created_at":"","effect":"","id":1,"partner_member_id":6,"partn'
    b'er_name":"","place":"","talked_on":"","talker_member_id":5,"talker_name":"","updated_at":""},"children":'
    b'{}}{"row":{"also_counts":"","attendees_text":"","branch_id":1,"created_at":"","ended_at":"","group_id":n'
    b'ull,"held_on":"","host_name":"","id":1,"kind":"committee","minutes":"","notified_on":null,"place":"","pl'
    b'anned_on":"","planned_time":"","preparation":"","recorder_name":"","speaker_name":"","started_at":"","st'
    b'ate":"reported","theme":"","title":"","updated_at":""},"children":{"meeting_attendance":[{"id":1,"is_gue'
    b'st":false,"meeting_id":1,"member_id":5,"member_status":"full","name":"","note":"","position":1,"reason":'
    b'"","status":"present","voting":true}],"meeting_agenda":[{"id":1,"meeting_id":1,"position":1,"summary":""'
    b',"title":""}],"meeting_speech":[{"agenda_no":1,"content":"","id":1,"meeting_id":1,"position":1,"speaker"'
    b':""}],"meeting_resolution":[{"id":1,"meeting_id":1,"position":1,"text":"","voted":false,"votes_abstain":'
    b'null,"votes_no":null,"votes_yes":null}],"meeting_task":[{"deadline":"","id":1,"meeting_id":1,"owner":"",'
    b'"position":1,"task":"","uid":"","done_on":""}],"meeting_attachment":[{"added_at":"","id":1,"kind":"sign_'
    b'in","meeting_id":1,"original_name":"","position":1,"sha256":"","size":644,"stored_path":"","title":""}]}'
    b'}'
)
# Adler-32 of the dictionary (as a zlib stream's header names it) -> the dictionary.
DICTIONARIES = {861466935: WORDS_1}
