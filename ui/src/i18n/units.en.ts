// Units and areas by name (task lists, task facts) and the manager's frame page, in English.
import type { viUnits } from './units.vi';

export const enUnits: Record<keyof typeof viUnits, string> = {
  'tasks.overdueFlag': 'Overdue',
  'task.unit': 'Unit',

  'frameList.title': 'Frame',
  'frameList.intro': 'The units imported, with their address, area and named enumerator.',
  'frameList.import': 'Import frame',
  'frameList.filters': 'Filter units',
  'frameList.type': 'Unit type',
  'frameList.allTypes': 'All unit types',
  'frameList.typeOption': '{type} ({count} units)',
  'frameList.province': 'Province or city',
  'frameList.allProvinces': 'Whole country',
  'frameList.commune': 'Commune or ward',
  'frameList.allCommunes': 'All communes of the province',
  'frameList.search': 'Search by code, name or address',
  'frameList.searchHint': 'With or without Vietnamese diacritics, e.g. “thon 3”.',
  'frameList.apply': 'Search',
  'frameList.clear': 'Clear filters',
  'frameList.caption': 'Units of the frame matching the filters',
  'frameList.col.unit': 'Unit',
  'frameList.col.area': 'Area',
  'frameList.col.type': 'Type',
  'frameList.col.enumerator': 'Named enumerator',
  'frameList.anyEnumerator': 'By area',
  'frameList.empty': 'No unit matches the filters.',
  'frameList.count': 'Showing {count} units',
  'frameList.loadMore': 'Load more',
  'frameList.toList': 'See the imported frame',
};
