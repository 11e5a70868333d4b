import { describe, expect, it } from 'vitest';
import { classifySensitive, SENSITIVE_CATEGORIES, SENSITIVE_IAB1_IDS } from '../../src/core/sensitive';
import { lookupCategory } from '../../src/core/taxonomy';

describe('special categories in the IAB tables', () => {
  it.each([
    // Health conditions, treatments and medicine, as audience segments and as page categories.
    [4, '550', 'health'], // Interest > Pharmaceuticals, Conditions, and Symptoms
    [4, '1555', 'health'], // Purchase Intent > Pharmaceuticals, Conditions, and Symptoms
    [4, '389', 'health'], // … > Medical Services > Drugstores and Pharmacies
    [4, '421', 'health'], // Interest > Healthy Living > Women's Health
    [4, '374', 'health'], // Interest > Food & Drink > Food Allergies
    [6, '317', 'health'], // Medical Health > Diseases and Conditions > Diabetes
    [6, '301', 'health'], // … > Mental Health
    [9, '305', 'health'], // … > Reproductive Health > Pregnancy
    [9, '199', 'health'], // Family and Relationships > Parenting > Special Needs Kids
    [6, '307', 'sex-life'], // … > Sexual Health
    [9, 'Rm3SiT', 'sex-life'], // Sensitive Topics > Adult & Explicit Sexual Content
    [4, '503', 'religion'], // Interest > Music and Audio > Religious (Music and Audio)
    [4, '1344', 'religion'], // Purchase Intent > … > Religious Items
    [6, '461', 'religion'], // Religion & Spirituality > Islam
    [9, '457', 'religion'], // Religion & Spirituality > Atheism (a philosophical belief)
    [6, '175', 'religion'], // Events and Attractions > Religious Events
    [4, '530', 'politics'], // Interest > News and Politics > Politics > Elections
    [6, '388', 'politics'], // News and Politics > Politics > Political Issues
    [9, '386', 'politics'], // Politics
    [9, 'Z7rJBM', 'politics'], // Sensitive Topics > Debated Sensitive Social Issues
  ])('taxonomy %i id %s is %s', (tax, id, category) => {
    expect(lookupCategory(tax, id)?.sensitive).toBe(category);
  });

  it.each([
    [6, '1'], // Automotive
    [4, '243'], // Interest > Automotive
    [4, '3'], // Demographic > Age Range > 18-20: personal, not a special category
    [4, '49'], // Demographic > Gender > Female
    [4, '161'], // Demographic > Marital Status > Married
    [4, '157'], // Demographic > Language > Other
    [4, '406'], // Interest > Healthy Living
    [4, '408'], // Interest > Healthy Living > Fitness and Exercise
    [4, '412'], // Interest > Healthy Living > Nutrition
    [4, '219'], // Interest > Academic Interests > … > Medicine and Healthcare
    [4, '324'], // Interest > Business and Finance > Industries > Pharmaceutical Industry
    [4, '1393'], // Purchase Intent > Finance and Insurance > Insurance > Medical Insurance
    [4, '627'], // Interest > Sports > Disabled Sports
    [4, '1097'], // Purchase Intent > … > Ethnic > Matzoh Food
    [4, '659'], // Interest > Sports > Rugby > Rugby Union: no trade union
    [4, '532'], // Interest > News and Politics > Politics > War and Conflicts
    [4, '522'], // Interest > News and Politics
    [6, '389'], // News and Politics > Politics > War and Conflicts
    [6, '456'], // Religion & Spirituality > Astrology
    [9, '468'], // Science > Genetics: a subject, not anyone's genes
    [9, '188'], // Family and Relationships > Dating
    [9, 'avbNf2'], // Sensitive Topics > Arms & Ammunition: brand safety, not a special category
  ])('taxonomy %i id %s is not marked', (tax, id) => {
    const entry = lookupCategory(tax, id);
    expect(entry).not.toBeNull();
    expect(entry?.sensitive).toBeNull();
  });
});

describe('classifySensitive', () => {
  it('lets the most specific rule win, whatever the rule order', () => {
    expect(classifySensitive(4, 'x', ['Interest', 'News and Politics', 'Politics'])).toBe('politics');
    expect(classifySensitive(4, 'x', ['Interest', 'News and Politics', 'Politics', 'War and Conflicts'])).toBe(null);
    expect(classifySensitive(6, 'x', ['Medical Health', 'Diseases and Conditions', 'Sexual Health', 'Sexual Conditions'])).toBe('sex-life');
  });

  it('matches whole tier names only', () => {
    expect(classifySensitive(6, 'x', ['Medical Health'])).toBe('health');
    expect(classifySensitive(6, 'x', ['Medical Healthcare'])).toBeNull();
    expect(classifySensitive(6, 'x', ['Automotive', 'Medical Health'])).toBeNull();
  });

  it('reads Content 3.0 with the 3.1 rules and leaves other taxonomies unmarked', () => {
    expect(classifySensitive(7, 'x', ['Politics', 'Elections'])).toBe('politics');
    expect(classifySensitive(5, 'x', ['Medical Health'])).toBeNull();
    expect(classifySensitive(540, 'x', ['Medical Health'])).toBeNull();
  });

  it('classifies Content 1.0 by id, tier 2 falling back to tier 1', () => {
    expect(classifySensitive(1, 'IAB7-20', [])).toBe('health');
    expect(classifySensitive(1, 'IAB7-32', [])).toBeNull();
    expect(classifySensitive(1, 'IAB14', [])).toBeNull();
    expect(classifySensitive(1, 'IAB14-3', [])).toBe('sexual-orientation');
    expect(classifySensitive(1, 'constructor', [])).toBeNull();
  });

  it('only uses known categories, and every Content 1.0 id it names has a name in the taxonomy table', () => {
    for (const [id, category] of Object.entries(SENSITIVE_IAB1_IDS)) {
      if (category !== null) expect(SENSITIVE_CATEGORIES).toContain(category);
      expect([id, lookupCategory(1, id)?.path.length]).toEqual([id, id.includes('-') ? 2 : 1]);
    }
  });
});
