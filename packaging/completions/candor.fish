# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_candor_global_optspecs
    string join \n q/quiet h/help V/version
end

function __fish_candor_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_candor_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_candor_using_subcommand
    set -l cmd (__fish_candor_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c candor -n "__fish_candor_needs_command" -s q -l quiet -d 'Show no progress bars (they are only ever shown on a terminal)'
complete -c candor -n "__fish_candor_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c candor -n "__fish_candor_needs_command" -s V -l version -d 'Print version'
complete -c candor -n "__fish_candor_needs_command" -f -a "open" -d 'Open a case in the window'
complete -c candor -n "__fish_candor_needs_command" -f -a "new" -d 'Create an empty case with the default schema'
complete -c candor -n "__fish_candor_needs_command" -f -a "import" -d 'Add articles (.txt, .md, saved web pages .html) to a case'
complete -c candor -n "__fish_candor_needs_command" -f -a "check" -d 'Validate a case: files, schema, ids, anchors, links'
complete -c candor -n "__fish_candor_needs_command" -f -a "stats" -d 'Marks per article and category, absolute and per 1,000 words'
complete -c candor -n "__fish_candor_needs_command" -f -a "compare" -d 'Claims x articles and actors x articles: how each article carries each claim (stated as fact, attributed, hedged, absent) and names each party'
complete -c candor -n "__fish_candor_needs_command" -f -a "article" -d 'Change an article\'s title, outlet, date, URL or genre, move it, or remove it (with --with-marks, even when annotators marked it)'
complete -c candor -n "__fish_candor_needs_command" -f -a "done" -d 'Hand in articles: mark them done for an annotator (or, with --clear, not done). Grading treats an article that is not done and has no marks as not handed in'
complete -c candor -n "__fish_candor_needs_command" -f -a "grade" -d 'Grade students against the answer key: a class table, feedback that quotes the key\'s reasons, CSV, JSON, or HTML pages. docs/GRADING.md gives the rules'
complete -c candor -n "__fish_candor_needs_command" -f -a "roster" -d 'The class list (roster.csv): made from a Canvas gradebook export or a Moodle participants export with --from, else shown against the case\'s annotators (who has marks, who has none, who is not on it)'
complete -c candor -n "__fish_candor_needs_command" -f -a "export" -d 'Write the marks to a folder: an HTML report (html), one CSV row per mark (csv), W3C Web Annotation JSON-LD (w3c) or brat standoff files (brat)'
complete -c candor -n "__fish_candor_needs_command" -f -a "import-marks" -d 'Take in marks made in another tool (brat standoff files, W3C Web Annotation JSON) as a new annotator. Spans are checked against the case\'s texts; W3C offsets counted in UTF-16 are detected and converted'
complete -c candor -n "__fish_candor_needs_command" -f -a "agree" -d 'Agreement between annotators: Krippendorff\'s alpha and alpha_U, Cohen\'s and Fleiss\' kappa, span F1, attribute alpha. docs/AGREEMENT.md gives the formulas'
complete -c candor -n "__fish_candor_needs_command" -f -a "adjudicate" -d 'Merge annotators into a gold annotator: list each article\'s clusters of overlapping marks and their variants, or with --min-agree K accept every cluster where K agree on extent and category'
complete -c candor -n "__fish_candor_needs_command" -f -a "handout" -d 'Write the student copy of a case: its articles, schema and blind setting with the case\'s fingerprint, and no one\'s marks (never the key\'s). docs/running-a-class.md tells the whole round'
complete -c candor -n "__fish_candor_needs_command" -f -a "handin" -d 'Write one annotator\'s marks, links and done flags as one hand-in file (`NAME.candor-handin`) to upload to the LMS'
complete -c candor -n "__fish_candor_needs_command" -f -a "collect" -d 'Take in hand-ins: files, folders and zips as Canvas and Moodle download them. One line per file says what happened; exit 1 if any file was refused'
complete -c candor -n "__fish_candor_needs_command" -f -a "handback" -d 'In a student copy: take in the hand-back the instructor sent (the key on the articles handed in)'
complete -c candor -n "__fish_candor_needs_command" -f -a "feedback" -d 'For every student collected from a hand-in: a folder (named as the LMS named theirs) with their feedback page and their hand-back (the key on the articles they handed in), and feedback.zip of them all'
complete -c candor -n "__fish_candor_needs_command" -f -a "suggest" -d 'Mark every whole-word occurrence of the phrases in a lexicon'
complete -c candor -n "__fish_candor_using_subcommand open" -s q -l quiet -d 'Show no progress bars (they are only ever shown on a terminal)'
complete -c candor -n "__fish_candor_using_subcommand open" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c candor -n "__fish_candor_using_subcommand new" -l title -d 'The case\'s title (default: the folder\'s name)' -r
complete -c candor -n "__fish_candor_using_subcommand new" -s q -l quiet -d 'Show no progress bars (they are only ever shown on a terminal)'
complete -c candor -n "__fish_candor_using_subcommand new" -s h -l help -d 'Print help'
complete -c candor -n "__fish_candor_using_subcommand import" -l title -d 'Title for every imported article (default: each file\'s first line)' -r
complete -c candor -n "__fish_candor_using_subcommand import" -l outlet -d 'The outlet that published the articles' -r
complete -c candor -n "__fish_candor_using_subcommand import" -l date -d 'Publication date, e.g. 2026-03-02' -r
complete -c candor -n "__fish_candor_using_subcommand import" -l url -d 'Where the article was published' -r
complete -c candor -n "__fish_candor_using_subcommand import" -l genre -d 'news, opinion or analysis' -r
complete -c candor -n "__fish_candor_using_subcommand import" -l comments-as -d 'Bring a Word document\'s comments in as this annotator\'s marks (made if new), each on the words it is anchored on, its text as the note' -r
complete -c candor -n "__fish_candor_using_subcommand import" -l category -d 'With --comments-as: the category of comments whose first line names none (default: the schema\'s first category that is not a mention)' -r
complete -c candor -n "__fish_candor_using_subcommand import" -l dry-run -d 'Print what would be added (details and text) and change nothing'
complete -c candor -n "__fish_candor_using_subcommand import" -s q -l quiet -d 'Show no progress bars (they are only ever shown on a terminal)'
complete -c candor -n "__fish_candor_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c candor -n "__fish_candor_using_subcommand check" -l strict -d 'Treat warnings as errors (exit 1 if there are any)'
complete -c candor -n "__fish_candor_using_subcommand check" -l fix -d 'Save the new offsets of re-found marks to their files (orphans and files that could not be read are left untouched)'
complete -c candor -n "__fish_candor_using_subcommand check" -s q -l quiet -d 'Show no progress bars (they are only ever shown on a terminal)'
complete -c candor -n "__fish_candor_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c candor -n "__fish_candor_using_subcommand stats" -s a -l annotator -d 'Only this annotator (repeat for several; default: all)' -r
complete -c candor -n "__fish_candor_using_subcommand stats" -l format -r -f -a "table\t''
csv\t''
json\t''"
complete -c candor -n "__fish_candor_using_subcommand stats" -s q -l quiet -d 'Show no progress bars (they are only ever shown on a terminal)'
complete -c candor -n "__fish_candor_using_subcommand stats" -s h -l help -d 'Print help'
complete -c candor -n "__fish_candor_using_subcommand compare" -s a -l annotator -d 'Only this annotator (repeat for several; default: all)' -r
complete -c candor -n "__fish_candor_using_subcommand compare" -l format -r -f -a "table\t''
csv\t''
json\t''"
complete -c candor -n "__fish_candor_using_subcommand compare" -s q -l quiet -d 'Show no progress bars (they are only ever shown on a terminal)'
complete -c candor -n "__fish_candor_using_subcommand compare" -s h -l help -d 'Print help'
complete -c candor -n "__fish_candor_using_subcommand article" -l title -d 'The headline' -r
complete -c candor -n "__fish_candor_using_subcommand article" -l outlet -d 'The outlet that published it' -r
complete -c candor -n "__fish_candor_using_subcommand article" -l byline -d 'Who wrote it, e.g. "Dana Reyes" (an empty string clears it)' -r
complete -c candor -n "__fish_candor_using_subcommand article" -l date -d 'Publication date, e.g. 2026-03-02 (an empty string clears it)' -r
complete -c candor -n "__fish_candor_using_subcommand article" -l url -d 'Where it was published' -r
complete -c candor -n "__fish_candor_using_subcommand article" -l genre -d 'news, opinion or analysis' -r
complete -c candor -n "__fish_candor_using_subcommand article" -l move-to -d 'Move the article to this place in the case\'s order (1 is first)' -r
complete -c candor -n "__fish_candor_using_subcommand article" -l remove -d 'Remove the article and its text from the case'
complete -c candor -n "__fish_candor_using_subcommand article" -l with-marks -d 'With --remove: also remove every annotator\'s marks on it'
complete -c candor -n "__fish_candor_using_subcommand article" -s q -l quiet -d 'Show no progress bars (they are only ever shown on a terminal)'
complete -c candor -n "__fish_candor_using_subcommand article" -s h -l help -d 'Print help'
complete -c candor -n "__fish_candor_using_subcommand done" -l annotator -d 'Whose articles' -r
complete -c candor -n "__fish_candor_using_subcommand done" -l clear -d 'Mark them not done instead'
complete -c candor -n "__fish_candor_using_subcommand done" -s q -l quiet -d 'Show no progress bars (they are only ever shown on a terminal)'
complete -c candor -n "__fish_candor_using_subcommand done" -s h -l help -d 'Print help'
complete -c candor -n "__fish_candor_using_subcommand grade" -l key -d 'The answer key\'s annotator (default: the one case.ron names, else an annotator called `key`)' -r
complete -c candor -n "__fish_candor_using_subcommand grade" -s s -l student -d 'A student to grade (repeat for several)' -r
complete -c candor -n "__fish_candor_using_subcommand grade" -l match -d 'When two marks of one category match: exact, overlap, half (the overlap covers half the longer mark), or a share such as 0.8' -r
complete -c candor -n "__fish_candor_using_subcommand grade" -l partial-credit -d 'Give boundary pairs (right place, different extent) this share of a match, 0.5 if no share is given. Off by default' -r
complete -c candor -n "__fish_candor_using_subcommand grade" -l format -r -f -a "table\t''
csv\t''
json\t''
html\t''
canvas\t'Fill an assignment column of a Canvas gradebook export'
moodle\t'Fill a Moodle offline grading worksheet'
sheet\t'One row per roster student, for Google Classroom or any spreadsheet'"
complete -c candor -n "__fish_candor_using_subcommand grade" -l out -d 'Write into this folder instead of printing: `grades.txt`, `.csv` or `.json`; with --format html (which needs it), one page per student and `index.html`. The folder must be new, empty or one Candor wrote (it has a `.candor-export` file), unless --force is given. With --format canvas, moodle or sheet: the file to write' -r -F
complete -c candor -n "__fish_candor_using_subcommand grade" -l gradebook -d 'With --format canvas or moodle: the gradebook file the LMS gave (Canvas\'s gradebook export, Moodle\'s grading worksheet), copied with the grades filled in' -r -F
complete -c candor -n "__fish_candor_using_subcommand grade" -l column -d 'With --format canvas: the assignment column to fill (its header, with or without Canvas\'s number in brackets)' -r
complete -c candor -n "__fish_candor_using_subcommand grade" -l points -d 'Scale each grade to this many points (default: canvas the column\'s Points Possible, moodle each row\'s Maximum Grade, sheet 100)' -r
complete -c candor -n "__fish_candor_using_subcommand grade" -l all -d 'Grade every annotator but the key (and a gold set, `gold`)'
complete -c candor -n "__fish_candor_using_subcommand grade" -l force -d 'Write into the --out folder even if it holds files Candor did not write, replacing those with the same names (with canvas, moodle or sheet: replace the --out file)'
complete -c candor -n "__fish_candor_using_subcommand grade" -s q -l quiet -d 'Show no progress bars (they are only ever shown on a terminal)'
complete -c candor -n "__fish_candor_using_subcommand grade" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c candor -n "__fish_candor_using_subcommand roster" -l from -d 'Make roster.csv from this file: a Canvas gradebook export or a Moodle participants (or gradebook) export. A roster already there keeps the annotator each student has' -r -F
complete -c candor -n "__fish_candor_using_subcommand roster" -l force -d 'Update a roster.csv that was changed outside Candor (its annotator ids are still kept; columns Candor does not know are not)'
complete -c candor -n "__fish_candor_using_subcommand roster" -s q -l quiet -d 'Show no progress bars (they are only ever shown on a terminal)'
complete -c candor -n "__fish_candor_using_subcommand roster" -s h -l help -d 'Print help'
complete -c candor -n "__fish_candor_using_subcommand export" -l format -d 'html, csv, w3c, brat or docx' -r
complete -c candor -n "__fish_candor_using_subcommand export" -l out -d 'The folder to write into (made if missing). It must be new, empty or one Candor wrote (it has a `.candor-export` file), unless --force is given' -r -F
complete -c candor -n "__fish_candor_using_subcommand export" -s a -l annotator -d 'Only this annotator (repeat for several; default: all)' -r
complete -c candor -n "__fish_candor_using_subcommand export" -l article -d 'Only this article, by its id (repeat, or give a comma-separated list, for several; default: every article)' -r
complete -c candor -n "__fish_candor_using_subcommand export" -l highlight -d 'With --format docx: shade each mark\'s words in a light tint of its category\'s colour (off by default: the comments already show the words, and the draft prints as the writer wrote it)'
complete -c candor -n "__fish_candor_using_subcommand export" -l force -d 'Write into the folder even if it holds files Candor did not write, replacing those with the same names'
complete -c candor -n "__fish_candor_using_subcommand export" -l blind -d 'Name the articles "Article 1", "Article 2"… (ids article-1…) with no title, outlet, date or URL, as the window does under blind reading'
complete -c candor -n "__fish_candor_using_subcommand export" -s q -l quiet -d 'Show no progress bars (they are only ever shown on a terminal)'
complete -c candor -n "__fish_candor_using_subcommand export" -s h -l help -d 'Print help'
complete -c candor -n "__fish_candor_using_subcommand import-marks" -l from -d 'brat or w3c' -r
complete -c candor -n "__fish_candor_using_subcommand import-marks" -l annotator -d 'The new annotator the marks become (must not exist yet). Left out for a folder with one sub-folder per annotator: each becomes the annotator it is named after' -r
complete -c candor -n "__fish_candor_using_subcommand import-marks" -l category -d 'The category of each annotation that names none (w3c: a highlight, a comment, a link made in another tool), by its id' -r
complete -c candor -n "__fish_candor_using_subcommand import-marks" -s q -l quiet -d 'Show no progress bars (they are only ever shown on a terminal)'
complete -c candor -n "__fish_candor_using_subcommand import-marks" -s h -l help -d 'Print help'
complete -c candor -n "__fish_candor_using_subcommand agree" -l annotators -d 'The annotators to compare, comma-separated (default: everyone but the answer key and `gold`)' -r
complete -c candor -n "__fish_candor_using_subcommand agree" -l measure -d 'Which measure to show' -r -f -a "alpha\t''
kappa\t''
fleiss\t''
alpha-u\t''
f1\t''
all\t''"
complete -c candor -n "__fish_candor_using_subcommand agree" -l unit -d 'The coding measures\' unit: words (UAX #29) or chars. alpha-u is on chars either way' -r -f -a "word\t''
char\t''"
complete -c candor -n "__fish_candor_using_subcommand agree" -l by -d 'One row per category over the case, or per article and category' -r -f -a "category\t''
article\t''"
complete -c candor -n "__fish_candor_using_subcommand agree" -l format -r -f -a "table\t''
csv\t''
json\t''"
complete -c candor -n "__fish_candor_using_subcommand agree" -l pairs -d 'List every pair of annotators, however many (by default only up to 50 annotators; above that, one line per annotator against the rest)'
complete -c candor -n "__fish_candor_using_subcommand agree" -s q -l quiet -d 'Show no progress bars (they are only ever shown on a terminal)'
complete -c candor -n "__fish_candor_using_subcommand agree" -s h -l help -d 'Print help'
complete -c candor -n "__fish_candor_using_subcommand adjudicate" -l into -d 'The gold annotator accepted marks are copied into' -r
complete -c candor -n "__fish_candor_using_subcommand adjudicate" -l annotators -d 'The annotators whose marks are adjudicated, comma-separated (default: everyone but the answer key and the gold annotator)' -r
complete -c candor -n "__fish_candor_using_subcommand adjudicate" -l min-agree -d 'Accept every open cluster where at least this many annotators agree on extent and category, and save. Without it, only list the clusters' -r
complete -c candor -n "__fish_candor_using_subcommand adjudicate" -l article -d 'List only this article\'s clusters' -r
complete -c candor -n "__fish_candor_using_subcommand adjudicate" -s q -l quiet -d 'Show no progress bars (they are only ever shown on a terminal)'
complete -c candor -n "__fish_candor_using_subcommand adjudicate" -s h -l help -d 'Print help'
complete -c candor -n "__fish_candor_using_subcommand handout" -l out -d 'The folder to write it in: new, empty, or an earlier student copy of this case; not inside the case' -r -F
complete -c candor -n "__fish_candor_using_subcommand handout" -l zip -d 'Also write it as one zip file, to upload to the LMS' -r -F
complete -c candor -n "__fish_candor_using_subcommand handout" -l include -d 'Put this annotator\'s marks in too, as a worked example (repeat for several; never the key)' -r
complete -c candor -n "__fish_candor_using_subcommand handout" -s q -l quiet -d 'Show no progress bars (they are only ever shown on a terminal)'
complete -c candor -n "__fish_candor_using_subcommand handout" -s h -l help -d 'Print help'
complete -c candor -n "__fish_candor_using_subcommand handin" -l annotator -d 'Whose work (default in a student copy: its student)' -r
complete -c candor -n "__fish_candor_using_subcommand handin" -l out -d 'The file to write' -r -F
complete -c candor -n "__fish_candor_using_subcommand handin" -s q -l quiet -d 'Show no progress bars (they are only ever shown on a terminal)'
complete -c candor -n "__fish_candor_using_subcommand handin" -s h -l help -d 'Print help'
complete -c candor -n "__fish_candor_using_subcommand collect" -l as -d 'File the one hand-in given under this name (when its own name is another student\'s)' -r
complete -c candor -n "__fish_candor_using_subcommand collect" -l dry-run -d 'Say what would happen; write nothing'
complete -c candor -n "__fish_candor_using_subcommand collect" -s q -l quiet -d 'Show no progress bars (they are only ever shown on a terminal)'
complete -c candor -n "__fish_candor_using_subcommand collect" -s h -l help -d 'Print help'
complete -c candor -n "__fish_candor_using_subcommand handback" -s q -l quiet -d 'Show no progress bars (they are only ever shown on a terminal)'
complete -c candor -n "__fish_candor_using_subcommand handback" -s h -l help -d 'Print help'
complete -c candor -n "__fish_candor_using_subcommand feedback" -l out -d 'The folder to write into (made if missing). It must be new, empty or one Candor wrote, unless --force is given' -r -F
complete -c candor -n "__fish_candor_using_subcommand feedback" -l force -d 'Write into the folder even if it holds files Candor did not write, replacing those with the same names'
complete -c candor -n "__fish_candor_using_subcommand feedback" -s q -l quiet -d 'Show no progress bars (they are only ever shown on a terminal)'
complete -c candor -n "__fish_candor_using_subcommand feedback" -s h -l help -d 'Print help'
complete -c candor -n "__fish_candor_using_subcommand suggest" -l lexicon -d 'Lines of `category<TAB>phrase`; `#` starts a comment line' -r -F
complete -c candor -n "__fish_candor_using_subcommand suggest" -l annotator -d 'Whose marks the suggestions become' -r
complete -c candor -n "__fish_candor_using_subcommand suggest" -s q -l quiet -d 'Show no progress bars (they are only ever shown on a terminal)'
complete -c candor -n "__fish_candor_using_subcommand suggest" -s h -l help -d 'Print help'
