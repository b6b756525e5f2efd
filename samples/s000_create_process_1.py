#创建多进程1.py
from multiprocessing import Process,current_process
import sys
def work():
    print('我是子进程:%s进程id:%s' % (current_process().name,current_process().pid))
    sys.stdout.flush() #刷新缓存
def main():
    print('当前父进程:%s进程id:%s' % (current_process().name,current_process().pid))
    p1 = Process(target=work,name='子进程一号')   #创建子进程
    p2 = Process(target=work,name='子进程二号')    #创建子进程
    p1.start() #开启进程
    p2.start()
    print(p1.name,p1.pid,p1.is_alive(),p1.exitcode,p1.ident)
    print(p2.name,p2.pid,p2.is_alive(),p2.exitcode,p2.ident)
    p1.join()   #回收子进程
    p2.join()
if __name__ == "__main__":
    main()
