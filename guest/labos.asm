; LabOS — the Disk Encryption Lab's guest: a tiny real-mode x86 system that boots through the BIOS
; from the instance's system disk (hda), so every byte it shows has come through the lab's block
; device (IndexedDB → XTS decryption in a crypto worker → guest). Assemble: nasm -f bin -o labos.bin
; (scripts/gen/guest.mjs turns the bytes into guest/labos.generated.ts).
;
; Disk layout (512-byte sectors):   0 MBR (stage 1)   1–15 stage 2   16 hypervisor metadata (read
; only, answered by the hypervisor: "LABMETA1" then key=value lines)   17 hypervisor mailbox (the
; guest writes "REBOOT" or "POWEROFF"; the hypervisor acts and never answers)   18 file-system
; header ("LABFS1", next free LBA at +8)   19–26 file table (128 entries × 32 bytes: name[20],
; lba u32, size u32, capacity in sectors u16, flags u16 (1 = used))   64… file data.
; The boot log, motd and other text live in files on the disk, not in this code.
; Disk reads and writes retry forever: a disk that cannot be decrypted is a hang, never an error.

BITS 16
%define STAGE2_LBA      1
%define STAGE2_SECTORS  15
%define META_LBA        16
%define MAILBOX_LBA     17
%define FS_LBA          18
%define FS_TABLE_LBA    19
%define FS_TABLE_SECTORS 8
%define FS_ENTRIES      128
%define FS_DATA_LBA     64
%define FILE_CAP        8           ; sectors reserved for a new file (4 KiB)
%define STAGE2_ADDR     0x8000
%define LINE_BUF        0x0600      ; 256 bytes
%define FS_BUF          0x1000      ; header sector + 8 table sectors (4.5 KiB)
%define FILE_BUF        0x2400      ; one file, up to FILE_CAP sectors
%define IO_BUF          0x3400      ; scratch sector(s)
%define META_BUF        0x3600
%define HOST_BUF        0x3800      ; hostname, 64 bytes

ORG 0x7C00

; ---------------------------------------------------------------- stage 1 (MBR)
stage1:
    cli
    xor ax, ax
    mov ds, ax
    mov es, ax
    mov ss, ax
    mov sp, 0x7C00
    sti
    mov [boot_drive], dl
.load:
    mov si, s1_dap
    mov dl, [boot_drive]
    mov ah, 0x42
    int 0x13
    jc .load
    jmp 0:stage2

boot_drive: db 0x80
s1_dap:     db 0x10, 0
            dw STAGE2_SECTORS, STAGE2_ADDR, 0
            dq STAGE2_LBA
    times 510-($-$$) db 0
    dw 0xAA55

; ---------------------------------------------------------------- stage 2
SECTION stage2 start=0x7C00+512 vstart=STAGE2_ADDR

stage2:
    cld
    call load_meta
    mov dl, 0x80
    mov si, name_bootlog
    call cat_file
    mov si, msg_hostname
    call puts
    mov si, HOST_BUF
    call puts
    call newline
    mov dl, 0x80
    mov si, name_motd
    call cat_file

shell:
    mov si, msg_prompt_user
    call puts
    mov si, HOST_BUF
    call puts
    mov si, msg_prompt_tail
    call puts
    call readline
    mov si, LINE_BUF
    call skip_spaces
    cmp byte [si], 0
    je shell
    mov bx, commands
.find:
    mov di, [bx]
    test di, di
    jz .unknown
    push si
    call match_word                 ; SI = line, DI = command name; CF clear on match, SI past it
    jnc .found
    pop si
    add bx, 4
    jmp .find
.found:
    add sp, 2
    call skip_spaces
    call [bx+2]
    jmp shell
.unknown:
    push si
    mov si, msg_unknown
    call puts
    pop si
    call puts
    call newline
    jmp shell

commands:
    dw w_help, cmd_help
    dw w_ls, cmd_ls
    dw w_cat, cmd_cat
    dw w_write, cmd_write
    dw w_lsblk, cmd_lsblk
    dw w_hostname, cmd_hostname
    dw w_uname, cmd_uname
    dw w_clear, cmd_clear
    dw w_reboot, cmd_reboot
    dw w_sudo, cmd_sudo
    dw w_poweroff, cmd_poweroff
    dw 0, 0

; ---------------------------------------------------------------- commands
cmd_help:
    mov si, msg_help
    jmp puts

cmd_hostname:
    mov si, HOST_BUF
    call puts
    jmp newline

cmd_uname:
    mov si, msg_uname
    jmp puts

cmd_clear:
    mov ax, 0x0003
    int 0x10
    ret

cmd_sudo:                           ; only "sudo reboot" and "sudo poweroff"
    mov di, w_reboot
    push si
    call match_word
    pop si
    jnc cmd_reboot
    mov di, w_poweroff
    call match_word
    jnc cmd_poweroff
    mov si, msg_sudo
    jmp puts

cmd_reboot:
    mov si, msg_rebooting
    call puts
    mov si, mail_reboot
    call post_mailbox
    ; No hypervisor answered (a bare disk): reset through the keyboard controller.
    mov al, 0xFE
    out 0x64, al
    jmp halt

cmd_poweroff:
    mov si, msg_poweroff
    call puts
    mov si, mail_poweroff
    call post_mailbox
halt:
    cli
    hlt
    jmp halt

cmd_ls:                             ; ls [hdb]
    call drive_arg                  ; DL = drive
    call fs_load
    jc .nofs
    mov bx, FS_BUF + 512
    mov cx, FS_ENTRIES
.next:
    test word [bx+30], 1
    jz .skip
    push cx
    mov si, bx
    call puts_name
    mov cx, 22
    call pad_to
    mov eax, [bx+24]
    call print_u32
    mov si, msg_bytes
    call puts
    pop cx
.skip:
    add bx, 32
    loop .next
    ret
.nofs:
    mov si, msg_nofs
    jmp puts

cmd_cat:                            ; cat [hdb:]NAME
    call path_arg                   ; DL = drive, SI = name
    jmp cat_file

cmd_write:                          ; write [hdb:]NAME TEXT
    call path_arg
    mov di, si                      ; DI = name; split at the first space
.scan:
    lodsb
    test al, al
    jz .usage
    cmp al, ' '
    jne .scan
    mov byte [si-1], 0
    jmp write_file                  ; DI = name, SI = text, DL = drive
.usage:
    mov si, msg_write_usage
    jmp puts

cmd_lsblk:
    mov si, msg_lsblk_head
    call puts
    mov dl, 0x80
    mov si, w_hda
    call lsblk_one
    mov dl, 0x81
    mov si, w_hdb
    jmp lsblk_one

lsblk_one:                          ; DL = drive, SI = its name
    push si
    mov si, IO_BUF
    mov word [si], 0x1E
    mov ah, 0x48
    int 0x13
    pop si
    jc .absent
    call puts
    mov cx, 8
    call pad_to
    mov eax, [IO_BUF+0x10]          ; total sectors (low 32 bits)
    shr eax, 11                     ; → MiB
    call print_u32
    mov si, msg_mib
    jmp puts
.absent:
    ret

; ---------------------------------------------------------------- file system
; fs_load: DL = drive → FS_BUF holds header + table; CF set if no LABFS on that disk.
fs_load:
    mov [cur_drive], dl
    mov eax, FS_LBA
    mov cx, 1 + FS_TABLE_SECTORS
    mov bx, FS_BUF
    call disk_read
    mov si, FS_BUF
    mov di, fs_magic
    mov cx, 6
    repe cmpsb
    mov dl, [cur_drive]
    je .ok
    stc
    ret
.ok:
    clc
    ret

; fs_find: SI = name → BX = entry or CF set
fs_find:
    mov bx, FS_BUF + 512
    mov cx, FS_ENTRIES
.next:
    test word [bx+30], 1
    jz .skip
    push si
    mov di, bx
    call str_eq20
    pop si
    je .hit
.skip:
    add bx, 32
    loop .next
    stc
    ret
.hit:
    clc
    ret

; cat_file: DL = drive, SI = name: prints the file, or an error line.
cat_file:
    push si
    call fs_load
    pop si
    jc .nofile
    push si
    call fs_find
    pop si
    jc .nofile
    mov ecx, [bx+24]                ; size
    cmp ecx, FILE_CAP*512
    jbe .fits
    mov ecx, FILE_CAP*512
.fits:
    push cx
    mov eax, [bx+20]
    add cx, 511
    shr cx, 9
    jz .empty
    mov bx, FILE_BUF
    mov dl, [cur_drive]
    call disk_read
    pop cx
    mov si, FILE_BUF
.out:
    lodsb
    call putc_text
    loop .out
    ret
.empty:
    pop cx
    ret
.nofile:
    push si
    mov si, msg_nofile
    call puts
    pop si
    call puts
    jmp newline

; write_file: DL = drive, DI = name, SI = text. Creates the file system on an empty disk.
write_file:
    mov [w_text], si
    mov [w_name], di
    call fs_load
    jnc .have_fs
    call fs_format
.have_fs:
    mov si, [w_name]
    call fs_find
    jnc .have_entry
    mov bx, FS_BUF + 512            ; a free entry
    mov cx, FS_ENTRIES
.free:
    test word [bx+30], 1
    jz .claim
    add bx, 32
    loop .free
    mov si, msg_full
    jmp puts
.claim:
    mov di, bx                      ; name, zero-padded to 20 bytes
    mov cx, 20
    xor al, al
    rep stosb
    mov di, bx
    mov si, [w_name]
    mov cx, 19
.copy_name:
    lodsb
    test al, al
    jz .named
    stosb
    loop .copy_name
.named:
    mov eax, [FS_BUF+8]
    mov [bx+20], eax
    add eax, FILE_CAP
    mov [FS_BUF+8], eax
    mov word [bx+28], FILE_CAP
    mov word [bx+30], 1
.have_entry:
    mov di, FILE_BUF                ; text + newline, zero-filled to whole sectors
    mov cx, FILE_CAP*512/2
    xor ax, ax
    rep stosw
    mov di, FILE_BUF
    mov si, [w_text]
    xor ecx, ecx
.copy_text:
    lodsb
    test al, al
    jz .copied
    stosb
    inc cx
    cmp cx, FILE_CAP*512-1
    jb .copy_text
.copied:
    mov al, 10
    stosb
    inc cx
    mov [bx+24], ecx
    add cx, 511
    shr cx, 9
    mov eax, [bx+20]
    push bx
    mov bx, FILE_BUF
    mov dl, [cur_drive]
    call disk_write
    pop bx
    mov eax, FS_LBA                 ; then the header and the table
    mov cx, 1 + FS_TABLE_SECTORS
    mov bx, FS_BUF
    mov dl, [cur_drive]
    call disk_write
    mov si, msg_written
    jmp puts

fs_format:
    mov si, msg_format
    call puts
    mov di, FS_BUF
    mov cx, (1 + FS_TABLE_SECTORS) * 256
    xor ax, ax
    rep stosw
    mov si, fs_magic
    mov di, FS_BUF
    mov cx, 6
    rep movsb
    mov dword [FS_BUF+8], FS_DATA_LBA
    ret

; ---------------------------------------------------------------- hypervisor
load_meta:                          ; hostname from the metadata sector, else "localhost"
    mov si, w_localhost
    mov di, HOST_BUF
    call strcpy
    mov eax, META_LBA
    mov cx, 1
    mov bx, META_BUF
    mov dl, 0x80
    call disk_read
    mov si, META_BUF
    mov di, meta_magic
    mov cx, 8
    repe cmpsb
    jne .done
    mov si, META_BUF
.line:                              ; look for "hostname=" at a line start
    mov di, w_hostkey
    push si
    mov cx, 9
    repe cmpsb
    je .hit
    pop si
.skip:
    lodsb
    test al, al
    jz .done
    cmp si, META_BUF + 512
    jae .done
    cmp al, 10
    jne .skip
    jmp .line
.hit:
    add sp, 2
    mov di, HOST_BUF
    mov cx, 63
.copy:
    lodsb
    cmp al, 10
    je .end
    test al, al
    jz .end
    stosb
    loop .copy
.end:
    mov byte [di], 0
.done:
    ret

post_mailbox:                       ; SI = command text → the mailbox sector
    mov di, IO_BUF
    mov cx, 256
    xor ax, ax
    rep stosw
    mov di, IO_BUF
    call strcpy
    mov eax, MAILBOX_LBA
    mov cx, 1
    mov bx, IO_BUF
    mov dl, 0x80
    jmp disk_write

; ---------------------------------------------------------------- disk I/O (retry forever)
; EAX = LBA, CX = sectors, BX = buffer (segment 0), DL = drive
disk_read:
    mov byte [dap_op], 0x42
    jmp disk_io
disk_write:
    mov byte [dap_op], 0x43
disk_io:
    mov [dap+2], cx
    mov [dap+4], bx
    mov word [dap+6], 0
    mov [dap+8], eax
    mov dword [dap+12], 0
    mov [cur_drive], dl
.retry:
    mov si, dap
    mov dl, [cur_drive]
    mov ah, [dap_op]
    xor al, al
    int 0x13
    jc .retry
    mov dl, [cur_drive]
    ret

; ---------------------------------------------------------------- console
putc:
    push bx
    mov ah, 0x0E
    mov bx, 0x0007
    int 0x10
    pop bx
    ret

putc_text:                          ; LF → CR LF; other control bytes except TAB dropped
    cmp al, 10
    je newline
    cmp al, 9
    je putc
    cmp al, 32
    jb .drop
    jmp putc
.drop:
    ret

newline:
    mov al, 13
    call putc
    mov al, 10
    jmp putc

puts:                               ; SI = NUL-terminated text (LF → CR LF)
    lodsb
    test al, al
    jz .done
    call putc_text
    jmp puts
.done:
    ret

puts_name:                          ; SI = name of at most 20 bytes; CX ← its length
    xor cx, cx
.next:
    cmp cx, 20
    je .done
    lodsb
    test al, al
    jz .done
    call putc
    inc cx
    jmp .next
.done:
    ret

pad_to:                             ; pad with spaces up to column CL
    push ax
    push bx
    push cx
    mov ah, 0x03                    ; cursor position → DL (clobbers CX: the cursor shape)
    xor bh, bh
    int 0x10
    pop cx
    pop bx
.pad:
    cmp dl, cl
    jae .done
    mov al, ' '
    call putc
    inc dl
    jmp .pad
.done:
    pop ax
    ret

print_u32:                          ; EAX, decimal
    push ebx
    push ecx
    push edx
    mov ebx, 10
    xor cx, cx
.div:
    xor edx, edx
    div ebx
    push dx
    inc cx
    test eax, eax
    jnz .div
.out:
    pop ax
    add al, '0'
    call putc
    loop .out
    pop edx
    pop ecx
    pop ebx
    ret

readline:                           ; into LINE_BUF, echoing, with backspace
    mov di, LINE_BUF
.key:
    xor ah, ah
    int 0x16
    cmp al, 13
    je .enter
    cmp al, 8
    je .back
    cmp al, 32
    jb .key
    cmp di, LINE_BUF + 250
    jae .key
    stosb
    call putc
    jmp .key
.back:
    cmp di, LINE_BUF
    je .key
    dec di
    mov al, 8                       ; back, blank, back
    call putc
    mov al, ' '
    call putc
    mov al, 8
    call putc
    jmp .key
.enter:
    mov byte [di], 0
    jmp newline

; ---------------------------------------------------------------- strings
skip_spaces:
    cmp byte [si], ' '
    jne .done
    inc si
    jmp skip_spaces
.done:
    ret

match_word:                         ; SI = text, DI = word: CF clear and SI past it on a whole-word match
.next:
    mov al, [di]
    test al, al
    jz .end
    cmp al, [si]
    jne .no
    inc si
    inc di
    jmp .next
.end:
    mov al, [si]
    test al, al
    jz .yes
    cmp al, ' '
    je .yes
.no:
    stc
    ret
.yes:
    clc
    ret

str_eq20:                           ; SI = name, DI = 20-byte field: ZF set when equal
    mov cx, 20
.next:
    lodsb
    mov ah, [di]
    inc di
    cmp al, ah
    jne .ne
    test al, al
    jz .eq
    loop .next
.eq:
    cmp al, al
    ret
.ne:
    ret

strcpy:                             ; SI → DI, with the NUL
    lodsb
    stosb
    test al, al
    jnz strcpy
    ret

drive_arg:                          ; "hdb" → DL = 0x81, else 0x80
    mov dl, 0x80
    mov di, w_hdb
    push si
    call match_word
    pop si
    jc .done
    mov dl, 0x81
.done:
    ret

path_arg:                           ; "hdb:NAME" → DL = 0x81, SI = NAME; else DL = 0x80
    mov dl, 0x80
    cmp dword [si], 'hdb:'
    jne .done
    mov dl, 0x81
    add si, 4
.done:
    ret

; ---------------------------------------------------------------- data
dap:        db 0x10, 0
            dw 0, 0, 0
            dd 0, 0
dap_op:     db 0
cur_drive:  db 0x80
w_text:     dw 0
w_name:     dw 0
fs_magic:   db 'LABFS1'
meta_magic: db 'LABMETA1'
name_bootlog: db 'boot.log', 0
name_motd:  db 'motd', 0
mail_reboot: db 'REBOOT', 0
mail_poweroff: db 'POWEROFF', 0
w_help:     db 'help', 0
w_ls:       db 'ls', 0
w_cat:      db 'cat', 0
w_write:    db 'write', 0
w_lsblk:    db 'lsblk', 0
w_hostname: db 'hostname', 0
w_uname:    db 'uname', 0
w_clear:    db 'clear', 0
w_reboot:   db 'reboot', 0
w_sudo:     db 'sudo', 0
w_poweroff: db 'poweroff', 0
w_hda:      db 'hda', 0
w_hdb:      db 'hdb', 0
w_localhost: db 'localhost', 0
w_hostkey:  db 'hostname='
msg_hostname: db 'hostname: ', 0
msg_prompt_user: db 'lab@', 0
msg_prompt_tail: db ':~$ ', 0
msg_unknown: db 'command not found: ', 0
msg_help:   db 'commands: help  ls [hdb]  cat [hdb:]FILE  write [hdb:]FILE TEXT', 10
            db '          lsblk  hostname  uname  clear  reboot  sudo reboot  poweroff', 10, 0
msg_uname:  db 'LabOS 1.0 i686 (Disk Encryption Lab guest)', 10, 0
msg_sudo:   db 'sudo: only "sudo reboot" and "sudo poweroff" are allowed here', 10, 0
msg_rebooting: db 'Rebooting...', 10, 0
msg_poweroff: db 'Powering off...', 10, 0
msg_bytes:  db ' bytes', 10, 0
msg_mib:    db ' MiB', 10, 0
msg_nofs:   db 'no file system on this disk (write a file to create one)', 10, 0
msg_nofile: db 'no such file: ', 0
msg_full:   db 'file table full', 10, 0
msg_format: db 'creating a file system on this disk', 10, 0
msg_written: db 'written', 10, 0
msg_write_usage: db 'usage: write [hdb:]FILE TEXT', 10, 0
msg_lsblk_head: db 'NAME    SIZE', 10, 0

    times STAGE2_SECTORS*512-($-$$) db 0
