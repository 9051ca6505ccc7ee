import { parse } from '@bufbuild/cel';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../domain/survey/expressions.js';
import { translateExpression, type Translation } from '../../domain/survey/xlsform-expression.js';
import { contextOf, type Shape } from '../helpers/xlsform-context.js';

/**
 * The items of the fixture forms (test/fixtures/xlsforms) that the expressions below read,
 * with their types as the forms give them.
 */
const FIXTURES: Record<string, Shape> = {
  'cht-delivery-seven-languages-repeats.xlsx': { integers: [], multiple: ['pnc_visits_attended'], rosters: ['baby_repeat'], others: ['r_babies_delivered_num', 'babies_delivered_num', '__pnc_visits_num_selected', 'birth_length', 'r_referrals', '__pregnancy_uuid', 'patient_age_in_years', 'woman_death_date'], rosterOf: { 'birth_length': 'baby_repeat' } },
  'cht-large-cha-976-rows-en-fr.xlsx': { integers: ['age_months'], multiple: ['chief_complaint'], rosters: [], others: ['weight_kg', 'complaint_other', 'inputs'], rosterOf: {  } },
  'ipa-case-management-nested-repeats.xlsx': { integers: [], multiple: [], rosters: ['phonecall', 'call_contacts'], others: ['call_num', 'attempts', 'response', 'exit_group', 'stay_group_wrong', 'stay_group_noansw', 'stay_group_outserv', 'stay_group_knows', 'exit_group_exclude', 'tot_ph', 'addrepeat', 'note_contacts_repeat', 'tot_contacts', 'last_response', 'dv_doc_number', 'phone_6_calls', 'caseid', 'response_relev_oth', 'no_case', 'all_phones', 'phone_1', 'pub_update_phone_2', 'pub_update_phone_3', 'pub_update_phone_4', 'pub_update_phone_5', 'pub_update_phone_6', 'pub_update_phone_7', 'pub_update_stop_at', 'addthreshold', 'new_data_hour_5', 'all_new_data_hour'], rosterOf: { 'response': 'phonecall', 'exit_group': 'phonecall', 'stay_group_wrong': 'phonecall', 'stay_group_noansw': 'phonecall', 'stay_group_outserv': 'phonecall', 'stay_group_knows': 'phonecall', 'exit_group_exclude': 'phonecall', 'addrepeat': 'phonecall', 'note_contacts_repeat': 'call_contacts', 'last_response': 'call_contacts' } },
  'ipa-household-survey-roster.xlsx': { integers: [], multiple: ['f_hr_lead_r'], rosters: ['f_hr_rpt'], others: ['m_wk_tobacco_amt', 'f_hr_lead_osp_r', 'tmp_l_hd_rank_first_dsp', 'l_hd_rank_first', 'l_hd_rank_first_osp', 'tmp_hhm_sum', 'tmp_hr_add_r', 'o_flood_year', 'f_tc_age', 'j_land_value', 'j_land_size'], rosterOf: { 'f_hr_lead_osp_r': 'f_hr_rpt', 'f_hr_lead_r': 'f_hr_rpt', 'tmp_hr_add_r': 'f_hr_rpt' } },
  'pma-wge-female-questionnaire-en-ha-ig.xlsx': { integers: ['age_at_first_sex', 'age'], multiple: [], rosters: [], others: ['manual_date', 'aut016_dknr', 'aut016', 'current_preg_desired', 'consent_obtained', 'pregnant', 'lastq_grp'], rosterOf: {  } },
  'pma-wge-household-roster-five-languages.xlsx': { integers: ['structure', 'household', 'age'], multiple: [], rosters: ['hh_rpt'], others: ['head_check', 'relationship', 'heads', 'FRS_form_name', 'EA', 'firstname', 'respondent_firstname', 'respondent_firstname_raw', 'GPS_transfer', 'eligible', 'location'], rosterOf: { 'head_check': 'hh_rpt', 'relationship': 'hh_rpt', 'FRS_form_name': 'hh_rpt', 'firstname': 'hh_rpt', 'age': 'hh_rpt', 'GPS_transfer': 'hh_rpt', 'eligible': 'hh_rpt' } },
  'rhomis-core-household-nine-languages.xlsx': { integers: ['livestock_sold'], multiple: ['livestock_who_sells', 'crops', 'bees_honey_use', 'dairy_products', 'offfarm_incomes'], rosters: ['livestock_repeat', 'crop_repeat', 'offfarm_income_repeat'], others: ['crop_rep_grp', 'bees_honey_use_proportions', 'dairy_products_other', 'offfarm_income_name'], rosterOf: { 'livestock_who_sells': 'livestock_repeat', 'livestock_sold': 'livestock_repeat', 'crop_rep_grp': 'crop_repeat', 'bees_honey_use_proportions': 'livestock_repeat', 'bees_honey_use': 'livestock_repeat', 'dairy_products_other': 'livestock_repeat', 'dairy_products': 'livestock_repeat', 'offfarm_income_name': 'offfarm_income_repeat' } },
  'subdistrict-profiling-en-ar.xlsx': { integers: [], multiple: ['_4_8_2_restricted_items'], rosters: [], others: ['_4_8_aid_vehicles', 'community', 'governorate', 'district', 'subdistrict'], rosterOf: {  } },
  'ucl-biomass-plot-nested-repeats-en-sw.xlsx': { integers: ['slope'], multiple: [], rosters: ['subplot2', 'trees'], others: ['leader_number', 'slope_radius', 'regen_in_subplot2', 'size_constraint', 'tree_distance', 'slope_radius_inner'], rosterOf: { 'size_constraint': 'trees', 'tree_distance': 'trees' } },
  'unhcr-demo-household-roster-four-languages.xlsx': { integers: ['age'], multiple: ['resubmit_reasons'], rosters: ['hh_rpt'], others: ['num_HH_members', 'eligible', 'gender', 'usually_live', 'last_night', 'this_country', 'duplicate_warning_hhmember', 'today'], rosterOf: { 'eligible': 'hh_rpt', 'gender': 'hh_rpt', 'age': 'hh_rpt', 'usually_live': 'hh_rpt', 'last_night': 'hh_rpt' } },
  'xlsform-spec-test-all-types-en-zh.xlsx': { integers: ['a_integer'], multiple: ['select_multiple_test'], rosters: ['repeat_test'], others: ['email_note', 'address', 'a_decimal'], rosterOf: { 'select_multiple_test': 'repeat_test' } },
};

/**
 * Real expressions from the fixture forms: file, column, the item it belongs to, the
 * expression, and the translation or the refusal. Over all 1,949 expression cells of the 12
 * forms, 1,448 translate and 501 are refused (mostly `../` paths, choice-filter columns, and
 * functions reading external data, labels or other rows).
 */
const REAL: [file: string, column: string, item: string, source: string, expected: Translation][] = [
  ['cht-delivery-seven-languages-repeats.xlsx', 'constraint', 'pnc_visits_attended', 'not(selected(.,\'none\')) or count-selected(.) < 2', { cel: '!(\'none\' in pnc_visits_attended) || size(pnc_visits_attended) < 2' }],
  ['cht-delivery-seven-languages-repeats.xlsx', 'relevant', 'r_babies_delivered_num', '${babies_delivered_num} != \'\'', { cel: 'has(babies_delivered_num)' }],
  ['cht-delivery-seven-languages-repeats.xlsx', 'calculation', '__pnc_visits_num_selected', 'if(selected(${pnc_visits_attended}, \'none\'), 0, if(selected(${pnc_visits_attended}, \'within_24_hrs\'), 1, 0) +\nif(selected(${pnc_visits_attended}, \'3_days\'), 1, 0) +\nif(selected(${pnc_visits_attended}, \'7_days\'), 1, 0) +\nif(selected(${pnc_visits_attended}, \'6_weeks\'), 1, 0))', { cel: '\'none\' in pnc_visits_attended ? 0 : (\'within_24_hrs\' in pnc_visits_attended ? 1 : 0) + (\'3_days\' in pnc_visits_attended ? 1 : 0) + (\'7_days\' in pnc_visits_attended ? 1 : 0) + (\'6_weeks\' in pnc_visits_attended ? 1 : 0)' }],
  ['cht-delivery-seven-languages-repeats.xlsx', 'constraint', 'birth_length', '. >= 35.6 and . <= 70', { cel: 'double(birth_length) >= 35.6 && double(birth_length) <= 70' }],
  ['cht-delivery-seven-languages-repeats.xlsx', 'relevant', 'r_referrals', 'not(selected(../../condition/woman_outcome, \'deceased\')) or\n../../delivery_outcome/babies_alive_num > 0', { error: 'unsupported XPath path ../../condition/woman_outcome: refer to items as ${name}', at: 13 }],
  ['cht-delivery-seven-languages-repeats.xlsx', 'calculation', '__pregnancy_uuid', 'instance(\'contact-summary\')/context/pregnancy_uuid', { error: 'unsupported function instance(): it reads choice lists or external data', at: 0 }],
  ['cht-delivery-seven-languages-repeats.xlsx', 'calculation', 'patient_age_in_years', 'floor( difference-in-months( ../inputs/contact/date_of_birth, today() ) div 12 )', { error: 'unsupported XPath path ../inputs/contact/date_of_birth: refer to items as ${name}', at: 29 }],
  ['cht-delivery-seven-languages-repeats.xlsx', 'constraint', 'woman_death_date', '. <= now() and difference-in-months( ., today() ) < 1', { cel: "woman_death_date <= now() && (timestamp(today() + 'T00:00:00Z').getFullYear() - timestamp(string(woman_death_date) + 'T00:00:00Z').getFullYear()) * 12 + (timestamp(today() + 'T00:00:00Z').getMonth() - timestamp(string(woman_death_date) + 'T00:00:00Z').getMonth()) - (timestamp(today() + 'T00:00:00Z').getDayOfMonth() < timestamp(string(woman_death_date) + 'T00:00:00Z').getDayOfMonth() ? 1 : 0) < 1" }],
  ['cht-large-cha-976-rows-en-fr.xlsx', 'constraint', 'age_months', '${age_months} >= 0 and ${age_months} <= 216', { cel: 'age_months >= 0 && age_months <= 216' }],
  ['cht-large-cha-976-rows-en-fr.xlsx', 'constraint', 'weight_kg', '${weight_kg} > 0 and ${weight_kg} <= 50', { cel: 'double(weight_kg) > 0 && double(weight_kg) <= 50' }],
  ['cht-large-cha-976-rows-en-fr.xlsx', 'relevant', 'complaint_other', 'selected(${chief_complaint}, \'sym_none\')', { cel: '\'sym_none\' in chief_complaint' }],
  ['cht-large-cha-976-rows-en-fr.xlsx', 'relevant', 'inputs', './source = \'user\'', { error: 'unsupported XPath path ./source: refer to items as ${name}', at: 0 }],
  ['ipa-case-management-nested-repeats.xlsx', 'calculation', 'call_num', 'if(${attempts} ="", 1, ${attempts} + 1)', { cel: '!has(attempts) ? 1.0 : double(attempts) + 1.0' }],
  ['ipa-case-management-nested-repeats.xlsx', 'calculation', 'response', 'coalesce(${exit_group}, ${stay_group_wrong},${stay_group_noansw},${stay_group_outserv},${stay_group_knows},${exit_group_exclude})', { cel: 'has(exit_group) ? exit_group : has(stay_group_wrong) ? stay_group_wrong : has(stay_group_noansw) ? stay_group_noansw : has(stay_group_outserv) ? stay_group_outserv : has(stay_group_knows) ? stay_group_knows : exit_group_exclude' }],
  ['ipa-case-management-nested-repeats.xlsx', 'repeat_count', 'phonecall', 'if(count(${phonecall})<${tot_ph}, sum(${addrepeat})+1, ${tot_ph})', { cel: 'size(phonecall) < double(tot_ph) ? double(sum(phonecall.map(row, has(row.addrepeat), row.addrepeat))) + 1.0 : tot_ph' }],
  ['ipa-case-management-nested-repeats.xlsx', 'relevant', 'note_contacts_repeat', 'index()<${tot_contacts} and (not(selected(${last_response},\'1\')) and not(selected(${last_response},\'6\')))', { cel: '_row < double(tot_contacts) && (!(last_response == \'1\') && !(last_response == \'6\'))' }],
  ['ipa-case-management-nested-repeats.xlsx', 'constraint', 'dv_doc_number', '(string-length(.)=3 and regex(.,\'[0-9]{1,50}\')) or .=-888 or .=-999', { cel: '(size(string(dv_doc_number)) == 3 && string(dv_doc_number).matches(\'[0-9]{1,50}\')) || double(dv_doc_number) == -888 || double(dv_doc_number) == -999' }],
  ['ipa-case-management-nested-repeats.xlsx', 'calculation', 'phone_6_calls', 'pulldata(\'cases\', \'phone_6_calls\', \'id\', ${caseid})', { error: 'unsupported function pulldata(): it reads an external CSV file', at: 0 }],
  ['ipa-case-management-nested-repeats.xlsx', 'calculation', 'response_relev_oth', 'indexed-repeat(${response}, ${phonecall}, count(${phonecall}))', { cel: 'phonecall[size(phonecall) - 1].response' }],
  ['ipa-case-management-nested-repeats.xlsx', 'relevant', 'no_case', '${caseid} = null', { error: 'unsupported XPath path null: refer to items as ${name}', at: 12 }],
  ['ipa-case-management-nested-repeats.xlsx', 'calculation', 'addrepeat', 'if(${response}=1 or empty(${response}) or ${response}=6, 0, 1)', { error: 'unsupported function empty()', at: 20 }],
  ['ipa-case-management-nested-repeats.xlsx', 'calculation', 'all_phones', 'count-selected(concat(${phone_1},\' \', ${pub_update_phone_2},\' \',  ${pub_update_phone_3},\' \', ${pub_update_phone_4},\' \', ${pub_update_phone_5},\' \', ${pub_update_phone_6},\' \', ${pub_update_phone_7}))', { error: 'count-selected() takes a select_multiple', at: 0 }],
  ['ipa-case-management-nested-repeats.xlsx', 'calculation', 'pub_update_stop_at', 'if(${call_num}=5 and ${addthreshold} = 1, int(6), int(5))', { cel: 'double(call_num) == 5 && double(addthreshold) == 1 ? 6 : 5' }],
  ['ipa-case-management-nested-repeats.xlsx', 'calculation', 'new_data_hour_5', 'item-at(\', \', ${all_new_data_hour}, 4)', { error: 'unsupported function item-at()', at: 0 }],
  ['ipa-household-survey-roster.xlsx', 'constraint', 'm_wk_tobacco_amt', '(. >= 0 and . <= 5000) or . = -999 or . = -888', { cel: '(double(m_wk_tobacco_amt) >= 0 && double(m_wk_tobacco_amt) <= 5000) || double(m_wk_tobacco_amt) == -999 || double(m_wk_tobacco_amt) == -888' }],
  ['ipa-household-survey-roster.xlsx', 'relevant', 'f_hr_lead_osp_r', 'selected(${f_hr_lead_r}, -666)', { cel: '\'-666\' in f_hr_lead_r' }],
  ['ipa-household-survey-roster.xlsx', 'calculation', 'tmp_l_hd_rank_first_dsp', 'if(${l_hd_rank_first} = -666, ${l_hd_rank_first_osp}, jr:choice-name(${l_hd_rank_first}, \'${l_hd_rank_first}\'))', { error: 'jr:choice-name() takes a select_one whose choices are in the choices sheet', at: 54 }],
  ['ipa-household-survey-roster.xlsx', 'calculation', 'tmp_hhm_sum', 'sum(${tmp_hr_add_r}) + 1', { cel: 'double(sum(f_hr_rpt.map(row, has(row.tmp_hr_add_r), row.tmp_hr_add_r))) + 1.0' }],
  ['ipa-household-survey-roster.xlsx', 'choice_filter', 'o_flood_year', 'filter <= (${f_tc_age} + 1)', { error: 'unsupported XPath path filter: refer to items as ${name}', at: 0 }],
  ['ipa-household-survey-roster.xlsx', 'constraint', 'j_land_value', '. >= 0 and . <= (10000 * ${j_land_size}) or . = -999 or . = -888', { cel: '(double(j_land_value) >= 0 && double(j_land_value) <= 10000.0 * double(j_land_size)) || double(j_land_value) == -999 || double(j_land_value) == -888' }],
  ['pma-wge-female-questionnaire-en-ha-ig.xlsx', 'constraint', 'manual_date', '. > date("2018-01-01") and . < date("2018-04-01")', { cel: 'manual_date > \'2018-01-01\' && manual_date < \'2018-04-01\'' }],
  ['pma-wge-female-questionnaire-en-ha-ig.xlsx', 'constraint', 'aut016_dknr', '(((.=\'-77\') and (${aut016} !=\'\')) or ((. !=\'-77\') and (${aut016} =\'\')))', { cel: '(aut016_dknr == \'-77\' && has(aut016)) || (aut016_dknr != \'-77\' && !has(aut016))' }],
  ['pma-wge-female-questionnaire-en-ha-ig.xlsx', 'relevant', 'current_preg_desired', '${consent_obtained} and ${pregnant}=\'yes\'', { cel: 'consent_obtained && pregnant == \'yes\'' }],
  ['pma-wge-female-questionnaire-en-ha-ig.xlsx', 'constraint', 'age_at_first_sex', '(. = -88) or (. = -99) or (. = -77) or (0 <= . and . <= ${age})', { cel: 'age_at_first_sex == -88 || age_at_first_sex == -99 || age_at_first_sex == -77 || (0 <= age_at_first_sex && age_at_first_sex <= age)' }],
  ['pma-wge-female-questionnaire-en-ha-ig.xlsx', 'relevant', 'lastq_grp', '${consent_obtained} and ((${age_at_first_sex} !=\'-77\') and (${age_at_first_sex} !=\'-88\') and (${age_at_first_sex} !=\'-99\'))', { cel: 'consent_obtained && (age_at_first_sex != -77 && age_at_first_sex != -88 && age_at_first_sex != -99)' }],
  ['pma-wge-household-roster-five-languages.xlsx', 'calculation', 'head_check', 'number(${relationship}=\'head\')', { cel: 'relationship == \'head\' ? 1.0 : 0.0' }],
  ['pma-wge-household-roster-five-languages.xlsx', 'calculation', 'heads', 'sum(${head_check})', { cel: 'sum(hh_rpt.map(row, has(row.head_check), row.head_check))' }],
  ['pma-wge-household-roster-five-languages.xlsx', 'calculation', 'FRS_form_name', 'concat(\'FR:\', ${EA}, \'-\', ${structure}, \'-\', ${household}, \'-\', ${firstname}, \'-\', ${age})', { cel: '\'FR:\' + string(EA) + \'-\' + string(structure) + \'-\' + string(household) + \'-\' + string(firstname) + \'-\' + string(age)' }],
  ['pma-wge-household-roster-five-languages.xlsx', 'calculation', 'respondent_firstname', 'trim(${respondent_firstname_raw})', { cel: 'trim(string(respondent_firstname_raw))' }],
  ['pma-wge-household-roster-five-languages.xlsx', 'relevant', 'GPS_transfer', '${eligible} and ${location} != \'\'', { cel: 'eligible && has(location)' }],
  ['rhomis-core-household-nine-languages.xlsx', 'relevant', 'livestock_who_sells', '${livestock_sold} > \'0\'', { cel: 'livestock_sold > 0' }],
  ['rhomis-core-household-nine-languages.xlsx', 'relevant', 'crop_rep_grp', 'position(..) <= count-selected(${crops})', { cel: '_row <= size(crops)' }],
  ['rhomis-core-household-nine-languages.xlsx', 'relevant', 'bees_honey_use_proportions', 'count-selected(${bees_honey_use}) > \'1\'', { cel: 'size(bees_honey_use) > 1' }],
  ['rhomis-core-household-nine-languages.xlsx', 'relevant', 'dairy_products_other', '${dairy_products} = \'other\'', { cel: 'dairy_products == [\'other\']' }],
  ['rhomis-core-household-nine-languages.xlsx', 'choice_filter', 'offfarm_income_name', 'selected(${offfarm_incomes}, name) and filter!="1"', { error: 'unsupported XPath path name: refer to items as ${name}', at: 29 }],
  ['subdistrict-profiling-en-ar.xlsx', 'relevant', '_4_8_2_restricted_items', '${_4_8_aid_vehicles} = \'always\' or ${_4_8_aid_vehicles} = \'sometimes\' or ${_4_8_aid_vehicles} = \'restricted\'', { cel: '_4_8_aid_vehicles == \'always\' || _4_8_aid_vehicles == \'sometimes\' || _4_8_aid_vehicles == \'restricted\'' }],
  ['subdistrict-profiling-en-ar.xlsx', 'choice_filter', 'community', 'governorate=${governorate} and district=${district} and subdistrict=${subdistrict}', { error: 'unsupported XPath path governorate: refer to items as ${name}', at: 0 }],
  ['ucl-biomass-plot-nested-repeats-en-sw.xlsx', 'constraint', 'leader_number', 'regex(.,\'^(([0-9]{1})*[- .(]*([0-9]{3})[- .)]*[0-9]{3}[- .]*[0-9]{4})+$\')', { cel: 'string(leader_number).matches(\'^(([0-9]{1})*[- .(]*([0-9]{3})[- .)]*[0-9]{3}[- .]*[0-9]{4})+$\')' }],
  ['ucl-biomass-plot-nested-repeats-en-sw.xlsx', 'calculation', 'slope_radius', 'round(15 div (sqrt(cos(atan(${slope} div 100)))),2)', { cel: 'round(15.0 / sqrt(cos(atan(double(slope) / 100.0))), 2)' }],
  ['ucl-biomass-plot-nested-repeats-en-sw.xlsx', 'relevant', 'subplot2', '${regen_in_subplot2}=‘yes’', { error: 'typographic quote ‘: quote strings with \' or "', at: 21 }],
  ['ucl-biomass-plot-nested-repeats-en-sw.xlsx', 'calculation', 'size_constraint', 'if(${tree_distance} > ${slope_radius_inner}, 15, 6)', { cel: 'tree_distance > slope_radius_inner ? 15 : 6' }],
  ['unhcr-demo-household-roster-four-languages.xlsx', 'calculation', 'num_HH_members', '(count(${hh_rpt}))', { cel: 'size(hh_rpt)' }],
  ['unhcr-demo-household-roster-four-languages.xlsx', 'calculation', 'eligible', '(${gender} = \'female\') and ((${age} >= 15) and (${age} <= 49)) and (${usually_live} = \'yes\' or ${last_night} = \'yes\')', { cel: 'gender == \'female\' && (age >= 15 && age <= 49) && (usually_live == \'yes\' || last_night == \'yes\')' }],
  ['unhcr-demo-household-roster-four-languages.xlsx', 'calculation', 'this_country', 'Ethopia', { error: 'unsupported XPath path Ethopia: refer to items as ${name}', at: 0 }],
  ['unhcr-demo-household-roster-four-languages.xlsx', 'relevant', 'duplicate_warning_hhmember', 'selected (${resubmit_reasons}, \'new_members\')', { cel: '\'new_members\' in resubmit_reasons' }],
  ['unhcr-demo-household-roster-four-languages.xlsx', 'calculation', 'today', 'today()', { cel: 'today()' }],
  ['xlsform-spec-test-all-types-en-zh.xlsx', 'relevant', 'email_note', 'regex(${address}, \'[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,4}\')', { cel: 'string(address).matches(\'[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\\\.[A-Za-z]{2,4}\')' }],
  ['xlsform-spec-test-all-types-en-zh.xlsx', 'constraint', 'select_multiple_test', 'not(selected(., \'yes\') and selected (., \'no\'))', { cel: '!(\'yes\' in select_multiple_test && \'no\' in select_multiple_test)' }],
  ['xlsform-spec-test-all-types-en-zh.xlsx', 'constraint', 'a_decimal', '. <= ${a_integer}', { cel: 'double(a_decimal) <= a_integer' }],
];

describe('translateExpression: real XLSForm expressions', () => {
  it.each(REAL)('%s %s of %s: %s', (file, _column, item, source, expected) => {
    const result = translateExpression(source, contextOf(FIXTURES[file]!, item));
    expect(result).toEqual(expected);
    if ('cel' in result) expect(() => parse(result.cel)).not.toThrow();
  });

  it('means what the form means: PMA households count their heads', () => {
    const pma = (source: string, item: string) => {
      const result = translateExpression(source, contextOf(FIXTURES['pma-wge-household-roster-five-languages.xlsx']!, item));
      return 'cel' in result ? result.cel : result.error;
    };
    const headCheck = pma("number(${relationship}='head')", 'head_check');
    const rows = ['head', 'spouse', 'head'].map((relationship) => ({ relationship, head_check: evaluate(headCheck, { relationship }) as number }));
    expect(rows.map((r) => r.head_check)).toEqual([1, 0, 1]);
    expect(evaluate(pma('sum(${head_check})', 'heads'), { hh_rpt: rows })).toBe(2);
  });
});
